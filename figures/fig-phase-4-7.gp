# Thesis Fig. 4.7: progress measures vs clamping in the three-vector toy model.
# List input `data` as for Fig. 4.6a (clamp = none, c, bc): data<i>.loss.tsv
# (iteration loss cosine_distance loss_bc_target). Left: training loss without clamp (black)
# and with b, c clamped (purple); middle and right: the two progress measures for a during
# standard training, 1 - cos^2(a, a*) and the loss with b = +-b*, c = +-c* (lower-loss signs).
load style
none(d) = sprintf("%s/data0.loss.tsv", d)
clamped(d) = sprintf("%s/data2.loss.tsv", d)
set multiplot title headline("Thesis Fig. 4.7: progress measures vs clamping")
set xlabel "iterations"
set yrange [0:*]
set key top right
eval grid_cell(0, 1, 3, 0.07, 0.11, 0.97, 0.87, 0.07, 0)
set title "training loss"
plot for [d in versions] none(d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, "#000000") title label(d, "no clamp"), \
     for [d in versions] clamped(d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, "#8e44ad") title label(d, "clamp b, c")
eval grid_cell(1, 1, 3, 0.07, 0.11, 0.97, 0.87, 0.07, 0)
set title "1 − cos^2(a, a*)"
plot for [d in versions] none(d) using 1:3 with lines lw thin(d, 2) lc rgb shade(d, "#000000") notitle
eval grid_cell(2, 1, 3, 0.07, 0.11, 0.97, 0.87, 0.07, 0)
set title "loss with b = ±b*, c = ±c*"
plot for [d in versions] none(d) using 1:4 with lines lw thin(d, 2) lc rgb shade(d, "#000000") notitle
unset multiplot
