# Thesis Fig. 4.6b: training loss under the circuit clamps of spec 6.3, only layer-2 head 3
# active. Input `data`: the induction.evaluate artifact of the clamp runs, in the order
# none, step1, layer1, match, copy, layer1_copy: data0.train_loss_<i>.tsv.
load style
set title headline("Thesis Fig. 4.6b: training under clamps, only layer-2 head 3 active")
set xlabel "sequences seen"
set format x "%.0s%c"
set ylabel "training loss"
set key outside right top
set yrange [0:*]
array name[6] = ["none", "step 1", "steps 1, 2", "match (1, 2, 3qk, 4)", "copy (3v, 5)", "steps 1, 2, 3v, 5"]
array colour[6] = ["#000000", "#ff7f0e", "#d62728", "#2ca02c", "#1f77b4", "#9467bd"]
plot for [d in versions] for [i = 0:5] sprintf("%s/data0.train_loss_%d.tsv", d, i) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, colour[i + 1]) title label(d, name[i + 1])
