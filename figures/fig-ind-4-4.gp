# Thesis Fig. 4.4: change in loss at each checkpoint when the layer-1 -> output (left) or the
# layer-2 -> output path (right) is removed from the readout, every other path (and so the
# layer-2 patterns and values) kept as computed.
# Input `data`: the induction.evaluate artifact of the full run: data0.curves.tsv,
# columns 16 (l1_out_dloss) and 17 (l2_out_dloss); column 2 is the train loss.
load style
set multiplot layout 1, 2 title headline("Thesis Fig. 4.4: path ablations at each checkpoint")
set xlabel "Sequences seen"
set ylabel "Change in loss"
set key top right
set title "Layer 1 -> output ablated"
plot sprintf("%s/data0.curves.tsv", datadir) using 1:16 with lines lw 2 lc rgb "#1f77b4" title "Change in loss", \
     "" using 1:2 with lines lw 1 dt 2 lc rgb "black" title "Loss (unablated)"
set title "Layer 2 -> output ablated"
plot sprintf("%s/data0.curves.tsv", datadir) using 1:17 with lines lw 2 lc rgb "#d62728" title "Change in loss", \
     "" using 1:2 with lines lw 1 dt 2 lc rgb "black" title "Loss (unablated)"
unset multiplot
