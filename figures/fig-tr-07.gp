# Paper 003 Fig. 7: seeds of initialisation and data: ICL (left) and Flip (right) accuracy.
# Input `data`: data0 = transience.evaluate of the main run (seed 0: curves.tsv), data1 = of
# the other seeds (curves_<i>.tsv, seeds 1, 2).
load style
set multiplot layout 1, 2 title headline("Paper 003 Fig. 7: seeds")
set xlabel "Sequences seen"
set ylabel "In-context accuracy"
set key top right
set yrange [0:1.02]
array colour[3] = ["black", "#ff7f0e", "#9467bd"]
do for [c in "3 6"] {
    set title (c == "3" ? "ICL evaluator" : "Flip evaluator")
    plot sprintf("%s/data0.curves.tsv", datadir) using 1:(column(int(c))) with lines lw 2 lc rgb colour[1] title "Seed 0", \
         for [i = 0:1] sprintf("%s/data1.curves_%d.tsv", datadir, i) using 1:(column(int(c))) with lines lw 2 lc rgb colour[i + 2] title sprintf("Seed %d", i + 1)
}
unset multiplot
