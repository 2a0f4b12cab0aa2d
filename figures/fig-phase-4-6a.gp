# Thesis Fig. 4.6a: the three-vector toy model with clamping.
# List input `data` of three phase.simulate artifacts in the order clamp = none, c, bc:
# data<i>.loss.tsv (iteration loss cosine_distance loss_bc_target).
load style
set title headline("Thesis Fig. 4.6a: three-vector toy model, clamping")
set xlabel "Iterations"
set ylabel "Loss"
set key top right
set yrange [0:*]
plot sprintf("%s/data0.loss.tsv", datadir) using 1:2 with lines lw 2 lc rgb "black" title "No clamp", \
     sprintf("%s/data1.loss.tsv", datadir) using 1:2 with lines lw 2 lc rgb "#1f77b4" title "Clamp c", \
     sprintf("%s/data2.loss.tsv", datadir) using 1:2 with lines lw 2 lc rgb "#8e44ad" title "Clamp b, c"
