# Paper 003 Fig. 3b: the evaluators at every checkpoint with layer 2, the final layer norm and
# the unembedding replaced by those of the last checkpoint (solid) against the run itself
# (faint, dashed). Input `data`: data0 = transience.analyze of the main run
# (frozen_late.tsv: sequences, train, icl, ciwl, flip in-context accuracy), data1 =
# transience.evaluate of the main run (curves.tsv).
load style
set title headline("Paper 003 Fig. 3b: layer 2 and unembedding fixed to their end-of-training weights")
set xlabel "Sequences seen"
set ylabel "In-context accuracy"
set key outside right
set yrange [0:1.02]
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#7f7f7f"
f = sprintf("%s/data0.frozen_late.tsv", datadir); g = sprintf("%s/data1.curves.tsv", datadir)
plot f using 1:3 with lines lw 2 lc rgb "#1f77b4" title "ICL (L2 fixed)", \
     f using 1:4 with lines lw 2 lc rgb "#2ca02c" title "CIWL (L2 fixed)", \
     f using 1:5 with lines lw 2 lc rgb "#d62728" title "Flip (L2 fixed)", \
     g using 1:3 with lines lw 1 dt 2 lc rgb "#1f77b4" title "ICL (run)", \
     g using 1:5 with lines lw 1 dt 2 lc rgb "#2ca02c" title "CIWL (run)", \
     g using 1:6 with lines lw 1 dt 2 lc rgb "#d62728" title "Flip (run)"
