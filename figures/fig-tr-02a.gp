# Paper 003 Fig. 2a: average attention of each layer-2 head from the query (position 5) to
# positions 1-5 on CIWL sequences, end of training; correct label at position 2 (left) and 4
# (right). Input `data`: transience.analyze of the main run: data0.attention.tsv (head, then
# at2_p1..at2_p5, at4_p1..at4_p5).
load style
set multiplot layout 1, 2 title headline("Paper 003 Fig. 2a: layer-2 attention from the query on CIWL sequences")
set xlabel "Position attended to"
set ylabel "Average attention"
set xrange [0.7:5.3]
set yrange [0:1]
set xtics ("x1" 1, "y1" 2, "x2" 3, "y2" 4, "xq" 5)
set key top left
array colour[8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
f = sprintf("%s/data0.attention.tsv", datadir)
set title "Correct label at position 2"
plot for [h = 0:7] for [p = 1:5] f every ::h::h using (p + (h - 3.5) * 0.06):(column(p + 1)) with points pt 7 ps 1.2 lc rgb colour[h + 1] title (p == 1 ? sprintf("Head %d", h) : "")
set title "Correct label at position 4"
plot for [h = 0:7] for [p = 1:5] f every ::h::h using (p + (h - 3.5) * 0.06):(column(p + 6)) with points pt 7 ps 1.2 lc rgb colour[h + 1] notitle
unset multiplot
