# Paper 003 Fig. 6 (left): Flip accuracy with bursty training data vs with matched exemplars
# (the same-class context exemplar is the query itself). Input `data`: data0 =
# transience.evaluate of the main run, data1 = of the matched run (curves.tsv, column 6 Flip).
load style
set title headline("Paper 003 Fig. 6: Flip accuracy, normal vs matched exemplars")
set xlabel "sequences seen"
set ylabel "in-context accuracy (Flip)"
set key top right
set yrange [0:1.02]
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#7f7f7f"
plot for [d in versions] sprintf("%s/data0.curves.tsv", d) using 1:6 with lines lw thin(d, 2) lc rgb shade(d, c_main) title label(d, "normal"), \
     for [d in versions] sprintf("%s/data1.curves.tsv", d) using 1:6 with lines lw thin(d, 2) lc rgb shade(d, c_matched) title label(d, "matched exemplars")
