# Paper 003 Fig. 1b: in-context accuracy of the training data and the ICL, CIWL and Flip
# evaluators vs sequences seen (chance 0.5), with IWL (plain accuracy over every label).
# Input `data`: transience.evaluate of the main run: data0.curves.tsv (sequences, then train,
# icl, iwl, ciwl, flip accuracy, then their losses).
load style
set title headline("Paper 003 Fig. 1b: ICL transience, evaluators vs sequences seen")
set xlabel "Sequences seen"
set ylabel "In-context accuracy"
set key center right
set yrange [0:1.02]
# IWL is plain accuracy over every label (chance 1/12,800): on its own axis, or it hides at 0.
set y2label "IWL plain accuracy"
set y2range [0:0.01]
set y2tics 0.002
set ytics nomirror
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#7f7f7f"
f = sprintf("%s/data0.curves.tsv", datadir)
plot f using 1:2 with lines lw 2 lc rgb "black" title "Train", \
     f using 1:3 with lines lw 2 lc rgb "#1f77b4" title "ICL", \
     f using 1:5 with lines lw 2 lc rgb "#2ca02c" title "CIWL", \
     f using 1:6 with lines lw 2 lc rgb "#d62728" title "Flip", \
     f using 1:4 axes x1y2 with lines lw 2 lc rgb "#7f7f7f" title "IWL (plain accuracy, right axis)"
