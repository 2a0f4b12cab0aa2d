# Thesis Fig. 4.6a: the three-vector toy model with clamping.
# List input `data` of three phase.simulate artifacts in the order clamp = none, c, bc:
# data<i>.loss.tsv (iteration loss cosine_distance loss_bc_target).
load style
set title headline("Thesis Fig. 4.6a: three-vector toy model, clamping")
set xlabel "iterations"
set ylabel "loss"
set key top right
set yrange [0:*]
array name[3] = ["no clamp", "clamp c", "clamp b, c"]
array colour[3] = ["#000000", "#1f77b4", "#8e44ad"]
plot for [d in versions] for [i = 0:2] sprintf("%s/data%d.loss.tsv", d, i) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, colour[i + 1]) title label(d, name[i + 1])
