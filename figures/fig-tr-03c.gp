# Paper 003 Fig. 3c: Flip and CIWL accuracy when the embeddings and layer 1 are fixed at three
# checkpoints (dotted lines) and the rest follows the run, against the run itself (faint).
# Input `data`: data0 = transience.analyze of the main run (frozen_early_<i>.tsv: sequences,
# train, icl, ciwl, flip), data1 = transience.evaluate of the main run (curves.tsv).
load style
array fixed[3] = ["#ff9896", "#d62728", "#7f0000"]
n = words(system(sprintf("ls %s/data0.frozen_early_*.tsv 2>/dev/null", datadir)))
early(d, i) = sprintf("%s/data0.frozen_early_%d.tsv", d, i)
do for [i = 0:n - 1] {
    stats early(datadir, i) using 1 nooutput
    set arrow from first STATS_min, graph 0 to first STATS_min, graph 1 nohead dt 3 lw 1.5 lc rgb fixed[i % 3 + 1]
}
set title headline("Paper 003 Fig. 3c: embeddings and layer 1 fixed at a checkpoint")
set xlabel "sequences seen"
set ylabel "in-context accuracy"
set key outside right top
set yrange [0:1.02]
g(d) = sprintf("%s/data1.curves.tsv", d)
plot for [d in versions] g(d) using 1:6 with lines lw thin(d, 1.5) dt 2 lc rgb shade(d, "#7f7f7f") title label(d, "Flip, the run"), \
     for [d in versions] g(d) using 1:5 with lines lw thin(d, 1.5) dt 4 lc rgb shade(d, "#7f7f7f") title label(d, "CIWL, the run"), \
     for [d in versions] for [i = 0:n - 1] early(d, i) using 1:5 with lines lw thin(d, 2.5) lc rgb shade(d, fixed[i % 3 + 1]) title label(d, sprintf("Flip, fixed at point %d", i + 1)), \
     for [d in versions] for [i = 0:n - 1] early(d, i) using 1:4 with lines lw thin(d, 2) dt 4 lc rgb shade(d, fixed[i % 3 + 1]) title label(d, sprintf("CIWL, fixed at point %d", i + 1))
