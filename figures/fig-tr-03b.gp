# Paper 003 Fig. 3b: the evaluators at every checkpoint with layer 2, the final layer norm and
# the unembedding replaced by those of the last checkpoint (solid) against the run itself
# (faint, dashed). Input `data`: data0 = transience.analyze of the main run
# (frozen_late.tsv: sequences, train, icl, ciwl, flip in-context accuracy), data1 =
# transience.evaluate of the main run (curves.tsv).
load style
set title headline("Paper 003 Fig. 3b: layer 2 and unembedding fixed to their end-of-training weights")
set xlabel "sequences seen"
set ylabel "in-context accuracy"
set key outside right top
set yrange [0:1.02]
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#7f7f7f"
f(d) = sprintf("%s/data0.frozen_late.tsv", d); g(d) = sprintf("%s/data1.curves.tsv", d)
plot for [d in versions] f(d) using 1:3 with lines lw thin(d, 2.5) lc rgb shade(d, c_icl) title label(d, "ICL, L2 fixed"), \
     for [d in versions] f(d) using 1:4 with lines lw thin(d, 2.5) lc rgb shade(d, c_ciwl) title label(d, "CIWL, L2 fixed"), \
     for [d in versions] f(d) using 1:5 with lines lw thin(d, 2.5) lc rgb shade(d, c_flip) title label(d, "Flip, L2 fixed"), \
     for [d in versions] g(d) using 1:3 with lines lw thin(d, 1.5) dt 2 lc rgb shade(d, c_icl) title label(d, "ICL, the run"), \
     for [d in versions] g(d) using 1:5 with lines lw thin(d, 1.5) dt 2 lc rgb shade(d, c_ciwl) title label(d, "CIWL, the run"), \
     for [d in versions] g(d) using 1:6 with lines lw thin(d, 1.5) dt 2 lc rgb shade(d, c_flip) title label(d, "Flip, the run")
