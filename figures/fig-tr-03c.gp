# Paper 003 Fig. 3c: Flip and CIWL accuracy when the embeddings and layer 1 are fixed at three
# checkpoints (dotted lines) and the rest follows the run, against the run itself (faint).
# Input `data`: data0 = transience.analyze of the main run (frozen_early_<i>.tsv: sequences,
# train, icl, ciwl, flip), data1 = transience.evaluate of the main run (curves.tsv).
load style
array shade[3] = ["#ff9896", "#d62728", "#7f0000"]
n = words(system(sprintf("ls %s/data0.frozen_early_*.tsv 2>/dev/null", datadir)))
do for [i = 0:n - 1] {
    stats sprintf("%s/data0.frozen_early_%d.tsv", datadir, i) using 1 nooutput
    set arrow from first STATS_min, graph 0 to first STATS_min, graph 1 nohead dt 3 lc rgb shade[i % 3 + 1]
}
set title headline("Paper 003 Fig. 3c: embeddings and layer 1 fixed at a checkpoint")
set xlabel "Sequences seen"
set ylabel "In-context accuracy"
set key outside right
set yrange [0:1.02]
g = sprintf("%s/data1.curves.tsv", datadir)
plot g using 1:6 with lines lw 1 dt 2 lc rgb "#7f7f7f" title "Flip (run)", \
     g using 1:5 with lines lw 1 dt 4 lc rgb "#7f7f7f" title "CIWL (run)", \
     for [i = 0:n - 1] sprintf("%s/data0.frozen_early_%d.tsv", datadir, i) using 1:5 with lines lw 2 lc rgb shade[i % 3 + 1] title sprintf("Flip, fixed at point %d", i + 1), \
     for [i = 0:n - 1] sprintf("%s/data0.frozen_early_%d.tsv", datadir, i) using 1:4 with lines lw 1.5 dt 4 lc rgb shade[i % 3 + 1] title sprintf("CIWL, fixed at point %d", i + 1)
