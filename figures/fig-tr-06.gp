# Paper 003 Fig. 6 (left): Flip accuracy with bursty training data vs with matched exemplars
# (the same-class context exemplar is the query itself). Input `data`: data0 =
# transience.evaluate of the main run, data1 = of the matched run (curves.tsv, column 6 Flip).
load style
set title headline("Paper 003 Fig. 6: Flip accuracy, normal vs matched exemplars")
set xlabel "Sequences seen"
set ylabel "In-context accuracy (Flip)"
set key top right
set yrange [0:1.02]
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 2 lc rgb "#7f7f7f"
plot sprintf("%s/data0.curves.tsv", datadir) using 1:6 with lines lw 2 lc rgb "#d62728" title "Normal", \
     sprintf("%s/data1.curves.tsv", datadir) using 1:6 with lines lw 2 lc rgb "#9467bd" title "Matched exemplars"
