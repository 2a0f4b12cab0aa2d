# Thesis Fig. 4.8: clamping (left) vs progress measures (right) for the composite circuit
# (steps 2, 3qkv, 4, 5: learned under the step-1 clamp; measured by perfecting the layer-1
# previous-token pattern at each checkpoint) and the copy circuit (3v, 5: learned under the
# match clamp; measured by perfecting the induction pattern).
# Input `data`: the induction.evaluate artifact of the clamp runs (order none, step1, layer1,
# match, copy, layer1_copy): train_loss_1 and train_loss_3 on the left; curves_0 (the
# unclamped head-3 run), columns 18 (perfect_pt_loss) and 19 (perfect_ih_loss), on the right.
load style
set multiplot layout 1, 2 title headline("Thesis Fig. 4.8: clamping vs progress measures")
set xlabel "Sequences seen"
set key top right
set yrange [0:*]
set title "Training under a clamp"
set ylabel "Training loss"
plot sprintf("%s/data0.train_loss_1.tsv", datadir) using 1:2 with lines lw 2 lc rgb "#ff7f0e" title "Composite circuit (clamp step 1)", \
     sprintf("%s/data0.train_loss_3.tsv", datadir) using 1:2 with lines lw 2 lc rgb "#2ca02c" title "Copy circuit (clamp match)"
set title "Progress measures on the unclamped run"
set ylabel "Loss at the checkpoint"
plot sprintf("%s/data0.curves_0.tsv", datadir) using 1:18 with lines lw 2 lc rgb "#ff7f0e" title "Composite (step 1 perfected)", \
     sprintf("%s/data0.curves_0.tsv", datadir) using 1:19 with lines lw 2 lc rgb "#2ca02c" title "Copy (induction pattern perfected)", \
     sprintf("%s/data0.curves_0.tsv", datadir) using 1:2 with lines lw 1.5 dt 2 lc rgb "black" title "Loss (unclamped)"
unset multiplot
