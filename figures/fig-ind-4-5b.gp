# Thesis Fig. 4.5b: training loss from scratch with only one layer-2 head active (one run per
# head, same initialisation), and the full model.
# Input `data`: data0 = induction.evaluate of the eight single-head runs (train_loss_<h>.tsv),
# data1 = that of the full run (train_loss.tsv).
load style
set title headline("Thesis Fig. 4.5b: training with one layer-2 head active")
set xlabel "Sequences seen"
set ylabel "Training loss"
set key top right
set yrange [0:*]
array colour[8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
plot for [h = 0:7] sprintf("%s/data0.train_loss_%d.tsv", datadir, h) using 1:2 with lines lw (h == 3 ? 3 : 1.5) lc rgb colour[h + 1] title sprintf("Only head %d", h), \
     sprintf("%s/data1.train_loss.tsv", datadir) using 1:2 with lines lw 2.5 lc rgb "black" title "All heads"
