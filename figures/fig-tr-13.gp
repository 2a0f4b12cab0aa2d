# Paper 003 Fig. 13: the 1-layer control: the evaluators vs sequences seen (left) and each
# head's attention from the query on CIWL sequences at the end (right; correct label at
# position 2 filled, at position 4 open). Input `data`: data0 = transience.evaluate of the
# 1-layer run (curves.tsv), data1 = transience.analyze of it (attention.tsv).
load style
set multiplot layout 1, 2 title headline("Paper 003 Fig. 13: 1-layer attention-only model")
set xlabel "Sequences seen"
set ylabel "In-context accuracy"
set key bottom right
set yrange [0:1.02]
f = sprintf("%s/data0.curves.tsv", datadir)
set title "Evaluators"
plot f using 1:2 with lines lw 2 lc rgb "black" title "Train", \
     f using 1:3 with lines lw 2 lc rgb "#1f77b4" title "ICL", \
     f using 1:5 with lines lw 2 lc rgb "#2ca02c" title "CIWL", \
     f using 1:6 with lines lw 2 lc rgb "#d62728" title "Flip", \
     f using 1:4 with lines lw 2 lc rgb "#7f7f7f" title "IWL"
set title "Attention from the query (CIWL)"
set xlabel "Position attended to"
set ylabel "Average attention"
set xrange [0.7:5.3]
set xtics ("x1" 1, "y1" 2, "x2" 3, "y2" 4, "xq" 5)
set key top left
array colour[8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
a = sprintf("%s/data1.attention.tsv", datadir)
plot for [h = 0:7] for [p = 1:5] a every ::h::h using (p + (h - 3.5) * 0.06):(column(p + 1)) with points pt 7 ps 1.2 lc rgb colour[h + 1] title (p == 1 ? sprintf("Head %d", h) : ""), \
     for [h = 0:7] for [p = 1:5] a every ::h::h using (p + (h - 3.5) * 0.06):(column(p + 6)) with points pt 6 ps 1.2 lc rgb colour[h + 1] notitle
unset multiplot
