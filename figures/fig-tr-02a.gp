# Paper 003 Fig. 2a: average attention of each layer-2 head from the query (position 5) to
# positions 1-5 on CIWL sequences, end of training; correct label at position 2 (left) and 4
# (right). Input `data`: transience.analyze of the main run: data0.attention.tsv (head, then
# at2_p1..at2_p5, at4_p1..at4_p5).
load style
set multiplot title headline("Paper 003 Fig. 2a: layer-2 attention from the query on CIWL sequences")
set xlabel "position attended to"
set xrange [0.7:5.3]
set yrange [0:1]
set xtics ("x_1" 1, "y_1" 2, "x_2" 3, "y_2" 4, "x_q" 5)
unset key
f(d) = sprintf("%s/data0.attention.tsv", d)
eval grid_cell(0, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.05, 0)
set ylabel "average attention"
set title "correct label at position 2"
plot for [d in versions] for [h = 0:7] for [p = 1:5] f(d) every ::h::h using (p + (h - 3.5) * 0.06):(column(p + 1)) with points pt 7 ps 1.4 lc rgb shade(d, head_colour[h + 1])
eval grid_cell(1, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.05, 0)
unset ylabel
set title "correct label at position 4"
plot for [d in versions] for [h = 0:7] for [p = 1:5] f(d) every ::h::h using (p + (h - 3.5) * 0.06):(column(p + 6)) with points pt 7 ps 1.4 lc rgb shade(d, head_colour[h + 1])
eval key_panel(0.82, 0.11, 0.99, 0.87)
plot for [h = 0:7] NaN with points pt 7 ps 1.4 lc rgb head_colour[h + 1] title sprintf("head %d", h)
unset multiplot
