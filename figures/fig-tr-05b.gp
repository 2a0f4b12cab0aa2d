# Paper 003 Fig. 5b: training loss and the ICL- and CIWL-evaluator losses of the transformer vs
# sequences seen (the CIWL "divot" is a temporary rise). Input `data`: transience.evaluate of
# the main run: data0.curves.tsv (columns 7-11: train, icl, iwl, ciwl, flip loss).
load style
set title headline("Paper 003 Fig. 5b: losses of the transformer")
set xlabel "Sequences seen"
set ylabel "Loss"
set key top right
set logscale y
f = sprintf("%s/data0.curves.tsv", datadir)
plot f using 1:7 with lines lw 2 lc rgb "black" title "Train", \
     f using 1:8 with lines lw 2 lc rgb "#1f77b4" title "ICL evaluator", \
     f using 1:10 with lines lw 2 lc rgb "#2ca02c" title "CIWL evaluator"
