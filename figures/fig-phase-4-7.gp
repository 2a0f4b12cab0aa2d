# Thesis Fig. 4.7: progress measures vs clamping in the three-vector toy model.
# List input `data` as for Fig. 4.6a (clamp = none, c, bc): data<i>.loss.tsv
# (iteration loss cosine_distance loss_bc_target). Left: training loss without clamp (black)
# and with b, c clamped (purple); middle and right: the two progress measures for a during
# standard training, 1 - cos^2(a, a*) and the loss with b = +-b*, c = +-c* (lower-loss signs).
load style
none = sprintf("%s/data0.loss.tsv", datadir)
clamped = sprintf("%s/data2.loss.tsv", datadir)
set multiplot layout 1, 3 title headline("Thesis Fig. 4.7: progress measures vs clamping")
set xlabel "Iterations"
set key top right
set yrange [0:*]
set title "Training loss"
plot none using 1:2 with lines lw 2 lc rgb "black" title "No clamp", \
     clamped using 1:2 with lines lw 2 lc rgb "#8e44ad" title "Clamp b, c"
set title "1 - cos^2(a, a*)"
plot none using 1:3 with lines lw 2 lc rgb "black" notitle
set title "Loss with b = ±b*, c = ±c*"
plot none using 1:4 with lines lw 2 lc rgb "black" notitle
unset multiplot
