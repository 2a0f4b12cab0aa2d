# Paper 003 Fig. 5b: training loss and the ICL- and CIWL-evaluator losses of the transformer vs
# sequences seen (the CIWL "divot" is a temporary rise). Input `data`: transience.evaluate of
# the main run: data0.curves.tsv (columns 7-11: train, icl, iwl, ciwl, flip loss).
load style
set title headline("Paper 003 Fig. 5b: losses of the transformer")
set xlabel "sequences seen"
set ylabel "loss"
set key top right
set logscale y
f(d) = sprintf("%s/data0.curves.tsv", d)
plot for [d in versions] f(d) using 1:7 with lines lw thin(d, 2) lc rgb shade(d, c_train) title label(d, "train"), \
     for [d in versions] f(d) using 1:8 with lines lw thin(d, 2) lc rgb shade(d, c_icl) title label(d, "ICL evaluator"), \
     for [d in versions] f(d) using 1:10 with lines lw thin(d, 2) lc rgb shade(d, c_ciwl) title label(d, "CIWL evaluator")
