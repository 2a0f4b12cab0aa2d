# Paper 003 Fig. 13: the 1-layer control: the evaluators vs sequences seen (left) and each
# head's attention from the query on CIWL sequences at the end (right; correct label at
# position 2 filled, at position 4 open). Input `data`: data0 = transience.evaluate of the
# 1-layer run (curves.tsv), data1 = transience.analyze of it (attention.tsv).
load style
set multiplot title headline("Paper 003 Fig. 13: 1-layer attention-only model")
set yrange [0:1.02]
f(d) = sprintf("%s/data0.curves.tsv", d)
eval grid_cell(0, 1, 2, 0.08, 0.11, 0.97, 0.87, 0.08, 0)
set title "evaluators"
set xlabel "sequences seen"
set ylabel "in-context accuracy"
set key bottom right
plot for [d in versions] f(d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, c_train) title label(d, "train"), \
     for [d in versions] f(d) using 1:3 with lines lw thin(d, 2) lc rgb shade(d, c_icl) title label(d, "ICL"), \
     for [d in versions] f(d) using 1:5 with lines lw thin(d, 2) lc rgb shade(d, c_ciwl) title label(d, "CIWL"), \
     for [d in versions] f(d) using 1:6 with lines lw thin(d, 2) lc rgb shade(d, c_flip) title label(d, "Flip"), \
     for [d in versions] f(d) using 1:4 with lines lw thin(d, 2) lc rgb shade(d, c_iwl) title label(d, "IWL")
eval grid_cell(1, 1, 2, 0.08, 0.11, 0.97, 0.87, 0.08, 0)
set title "attention from the query (CIWL; filled: label at 2, open: at 4)"
set xlabel "position attended to"
set ylabel "average attention"
set xrange [0.7:5.3]
set xtics ("x_1" 1, "y_1" 2, "x_2" 3, "y_2" 4, "x_q" 5)
set key top left maxrows 4
a(d) = sprintf("%s/data1.attention.tsv", d)
plot for [d in versions] for [h = 0:7] for [p = 1:5] a(d) every ::h::h using (p + (h - 3.5) * 0.06):(column(p + 1)) with points pt 7 ps 1.4 lc rgb shade(d, head_colour[h + 1]) title label(d, p == 1 ? sprintf("head %d", h) : ""), \
     for [d in versions] for [h = 0:7] for [p = 1:5] a(d) every ::h::h using (p + (h - 3.5) * 0.06):(column(p + 6)) with points pt 6 ps 1.4 lc rgb shade(d, head_colour[h + 1]) notitle
unset multiplot
