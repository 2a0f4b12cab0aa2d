# Thesis Fig. 4.9: training loss with more classes (top row: C = 50, 100, 200 with 5 labels)
# or more labels (bottom row: L = 5, 10, 15 with 50 classes), only layer-2 head 3 active.
# Columns: unclamped; subcircuit B learns (layer 1 and copy clamped); subcircuit C learns
# (match clamped); B + C learn (layer 1 clamped).
# Input `data`: induction.evaluate artifacts of the ind-scale fan-outs in the order c50, c100,
# c200, l10, l15; each has train_loss_<i>.tsv for clamp i = none, layer1_copy, match, layer1.
load style
# Row 1 varies the classes C (worlds 0, 1, 2), row 2 the labels L (worlds 0, 3, 4).
array world[6] = [0, 1, 2, 0, 3, 4]
# One y range per row and three x ticks, so that only the outer panels need labels (stats
# first: it would otherwise apply later settings).
array ymax[2] = [0, 0]
do for [row = 0:1] {
    do for [c = 0:3] {
        do for [v = 1:3] {
            stats sprintf("%s/data%d.train_loss_%d.tsv", datadir, world[3 * row + v], c) using 2 nooutput
            ymax[row + 1] = (STATS_max > ymax[row + 1]) ? STATS_max : ymax[row + 1]
        }
    }
}
stats sprintf("%s/data0.train_loss_0.tsv", datadir) using 1 nooutput; xmax = STATS_max
set xrange [0:xmax]
set xtics xmax / 2, xmax / 2
set multiplot title headline("Thesis Fig. 4.9: more classes, more labels: which subcircuit slows")
set format x "%.0s%c"
array heading[4] = ["unclamped", "B learns (clamp A, C)", "C learns (clamp match)", "B + C (clamp A)"]
array colour[3] = ["#000000", "#1f77b4", "#d62728"]
unset key
do for [row = 0:1] {
    do for [c = 0:3] {
        eval grid_cell(4 * row + c, 2, 4, 0.07, 0.10, 0.78, 0.87, 0.02, 0.11)
        if (row == 1) { set xlabel "sequences seen"; set format x "%.0s%c" } else { unset xlabel; set format x "" }
        set yrange [0:1.05 * ymax[row + 1]]
        if (c == 0) { set ylabel "training loss"; set format y "%g" } else { unset ylabel; set format y "" }
        set title heading[c + 1]
        plot for [d in versions] for [v = 1:3] sprintf("%s/data%d.train_loss_%d.tsv", d, world[3 * row + v], c) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, colour[v])
    }
}
eval key_panel(0.80, 0.10, 0.99, 0.87)
plot NaN with lines lw 2 lc rgb colour[1] title "C = 50, L = 5", \
     NaN with lines lw 2 lc rgb colour[2] title "C = 100 / L = 10", \
     NaN with lines lw 2 lc rgb colour[3] title "C = 200 / L = 15"
unset multiplot
