# Thesis Fig. 4.9: training loss with more classes (top row: C = 50, 100, 200 with 5 labels)
# or more labels (bottom row: L = 5, 10, 15 with 50 classes), only layer-2 head 3 active.
# Columns: unclamped; subcircuit B learns (layer 1 and copy clamped); subcircuit C learns
# (match clamped); B + C learn (layer 1 clamped).
# Input `data`: induction.evaluate artifacts of the ind-scale fan-outs in the order c50, c100,
# c200, l10, l15; each has train_loss_<i>.tsv for clamp i = none, layer1_copy, match, layer1.
load style
set multiplot layout 2, 4 title headline("Thesis Fig. 4.9: more classes, more labels, which subcircuit slows")
set xlabel "Sequences seen"
set xtics 500000
set format x "%.1s%c"
set ylabel "Training loss"
set yrange [0:*]
set key top right
array heading[4] = ["Unclamped", "Subcircuit B (clamp A + C)", "Subcircuit C (clamp match)", "B + C (clamp A)"]
array colour[3] = ["black", "#1f77b4", "#d62728"]
array classData[3] = [0, 1, 2]
array classLabel[3] = ["C = 50", "C = 100", "C = 200"]
array labelData[3] = [0, 3, 4]
array labelLabel[3] = ["L = 5", "L = 10", "L = 15"]
do for [c = 0:3] {
    set title heading[c + 1]
    plot for [v = 1:3] sprintf("%s/data%d.train_loss_%d.tsv", datadir, classData[v], c) using 1:2 with lines lw 2 lc rgb colour[v] title classLabel[v]
}
do for [c = 0:3] {
    set title heading[c + 1]
    plot for [v = 1:3] sprintf("%s/data%d.train_loss_%d.tsv", datadir, labelData[v], c) using 1:2 with lines lw 2 lc rgb colour[v] title labelLabel[v]
}
unset multiplot
