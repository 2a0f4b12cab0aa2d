# Thesis Fig. 4.8: clamping (left) vs progress measures (right) for the composite circuit
# (steps 2, 3qkv, 4, 5: learned under the step-1 clamp; measured by perfecting the layer-1
# previous-token pattern at each checkpoint) and the copy circuit (3v, 5: learned under the
# match clamp; measured by perfecting the induction pattern).
# Input `data`: the induction.evaluate artifact of the clamp runs (order none, step1, layer1,
# match, copy, layer1_copy): train_loss_1 and train_loss_3 on the left; curves_0 (the
# unclamped head-3 run), columns 18 (perfect_pt_loss) and 19 (perfect_ih_loss), on the right.
load style
set multiplot title headline("Thesis Fig. 4.8: clamping vs progress measures")
set xlabel "sequences seen"
set format x "%.0s%c"
set xtics 200000
set yrange [0:*]
set key top right
eval grid_cell(0, 1, 2, 0.08, 0.11, 0.97, 0.87, 0.08, 0)
set title "training under a clamp"
set ylabel "training loss"
plot for [d in versions] sprintf("%s/data0.train_loss_1.tsv", d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, "#ff7f0e") title label(d, "composite circuit (clamp step 1)"), \
     for [d in versions] sprintf("%s/data0.train_loss_3.tsv", d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, "#2ca02c") title label(d, "copy circuit (clamp match)")
eval grid_cell(1, 1, 2, 0.08, 0.11, 0.97, 0.87, 0.08, 0)
set title "progress measures on the unclamped run"
set ylabel "loss at the checkpoint"
c(d) = sprintf("%s/data0.curves_0.tsv", d)
plot for [d in versions] c(d) using 1:18 with lines lw thin(d, 2) lc rgb shade(d, "#ff7f0e") title label(d, "composite (step 1 perfected)"), \
     for [d in versions] c(d) using 1:19 with lines lw thin(d, 2) lc rgb shade(d, "#2ca02c") title label(d, "copy (induction pattern perfected)"), \
     for [d in versions] c(d) using 1:2 with lines lw thin(d, 1.5) dt 2 lc rgb shade(d, "#000000") title label(d, "loss, unclamped")
unset multiplot
