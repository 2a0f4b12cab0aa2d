# Paper 003 Fig. 1b: in-context accuracy of the training data and the ICL, CIWL and Flip
# evaluators vs sequences seen (chance 0.5), with IWL (plain accuracy over every label).
# Input `data`: transience.evaluate of the main run: data0.curves.tsv (sequences, then train,
# icl, iwl, ciwl, flip accuracy, then their losses).
load style
set title headline("Paper 003 Fig. 1b: ICL transience, evaluators vs sequences seen")
set xlabel "sequences seen"
set ylabel "in-context accuracy"
set key below horizontal maxrows 1
set yrange [0:1.02]
# IWL is plain accuracy over every label (chance 1/12,800): on its own axis, or it hides at 0.
set y2label "IWL plain accuracy"
set y2range [0:0.01]
set y2tics 0.002
set border 11
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#7f7f7f"
f(d) = sprintf("%s/data0.curves.tsv", d)
plot for [d in versions] f(d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, c_train) title label(d, "train"), \
     for [d in versions] f(d) using 1:3 with lines lw thin(d, 2) lc rgb shade(d, c_icl) title label(d, "ICL"), \
     for [d in versions] f(d) using 1:5 with lines lw thin(d, 2) lc rgb shade(d, c_ciwl) title label(d, "CIWL"), \
     for [d in versions] f(d) using 1:6 with lines lw thin(d, 2) lc rgb shade(d, c_flip) title label(d, "Flip"), \
     for [d in versions] f(d) using 1:4 axes x1y2 with lines lw thin(d, 2) lc rgb shade(d, c_iwl) title label(d, "IWL (right axis)")
