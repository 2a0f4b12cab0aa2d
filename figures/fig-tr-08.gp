# Paper 003 Fig. 8: position schemes: learned absolute (the main run), sinusoidal and RoPE; ICL
# (left) and Flip (right) accuracy. Input `data`: data0 = transience.evaluate of the main run
# (curves.tsv), data1 = of the sinusoidal and RoPE runs (curves_0.tsv, curves_1.tsv).
load style
set multiplot layout 1, 2 title headline("Paper 003 Fig. 8: position schemes")
set xlabel "Sequences seen"
set ylabel "In-context accuracy"
set key top right
set yrange [0:1.02]
array colour[3] = ["black", "#17becf", "#bcbd22"]
array name[3] = ["Learned", "Sinusoidal", "RoPE"]
do for [c in "3 6"] {
    set title (c == "3" ? "ICL evaluator" : "Flip evaluator")
    plot sprintf("%s/data0.curves.tsv", datadir) using 1:(column(int(c))) with lines lw 2 lc rgb colour[1] title name[1], \
         for [i = 0:1] sprintf("%s/data1.curves_%d.tsv", datadir, i) using 1:(column(int(c))) with lines lw 2 lc rgb colour[i + 2] title name[i + 2]
}
unset multiplot
