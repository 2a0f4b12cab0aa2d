# Paper 003 Fig. 1b: in-context accuracy of the training data and the ICL, CIWL and Flip
# evaluators vs sequences seen (chance 0.5), with IWL (plain accuracy over every label).
# Input `data`: transience.evaluate of the main run: data0.curves.tsv (sequences, then train,
# icl, iwl, ciwl, flip accuracy, then their losses).
set title sprintf("ICL transience: evaluators vs sequences seen (profile %s)", profile)
set xlabel "Sequences seen"
set ylabel "In-context accuracy"
set key outside right
set yrange [0:1.02]
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#7f7f7f"
f = sprintf("%s/data0.curves.tsv", datadir)
plot f using 1:2 with lines lw 2 lc rgb "black" title "Train", \
     f using 1:3 with lines lw 2 lc rgb "#1f77b4" title "ICL", \
     f using 1:5 with lines lw 2 lc rgb "#2ca02c" title "CIWL", \
     f using 1:6 with lines lw 2 lc rgb "#d62728" title "Flip", \
     f using 1:4 with lines lw 2 lc rgb "#7f7f7f" title "IWL (plain accuracy)"
