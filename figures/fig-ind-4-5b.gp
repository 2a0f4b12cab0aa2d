# Thesis Fig. 4.5b: training loss from scratch with only one layer-2 head active (one run per
# head, same initialisation), and the full model.
# Input `data`: data0 = induction.evaluate of the eight single-head runs (train_loss_<h>.tsv),
# data1 = that of the full run (train_loss.tsv).
load style
set title headline("Thesis Fig. 4.5b: training with one layer-2 head active")
set xlabel "sequences seen"
set format x "%.0s%c"
set ylabel "training loss"
set key outside right top
set yrange [0:*]
plot for [d in versions] for [h = 0:7] sprintf("%s/data0.train_loss_%d.tsv", d, h) using 1:2 with lines lw thin(d, h == 3 ? 3.5 : 2) lc rgb shade(d, head_colour[h + 1]) title label(d, sprintf("only head %d", h)), \
     for [d in versions] sprintf("%s/data1.train_loss.tsv", d) using 1:2 with lines lw thin(d, 3) lc rgb shade(d, "#000000") title label(d, "all heads")
