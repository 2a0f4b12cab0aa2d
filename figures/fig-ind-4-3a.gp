# Thesis Fig. 4.3a: training loss and the two test losses vs sequences seen.
# Input `data`: the induction.evaluate artifact of the full run: data0.train_loss.tsv
# (sequences loss, binned training loss) and data0.curves.tsv (sequences, then train,
# exemplars and relabel loss / accuracy, ...).
load style
set title headline("Thesis Fig. 4.3a: induction heads, loss vs sequences seen")
set xlabel "Sequences seen"
set ylabel "Loss"
set key top right
set yrange [0:*]
set arrow from graph 0, first log(2) to graph 1, first log(2) nohead dt 2 lc rgb "#7f7f7f"
set label "log 2" at graph 0.01, first log(2) offset 0, 0.6 tc rgb "#7f7f7f"
plot sprintf("%s/data0.train_loss.tsv", datadir) using 1:2 with lines lw 2 lc rgb "black" title "Train", \
     sprintf("%s/data0.curves.tsv", datadir) using 1:4 with lines lw 2 lc rgb "#1f77b4" title "Test (exemplars)", \
     sprintf("%s/data0.curves.tsv", datadir) using 1:6 with lines lw 2 lc rgb "#d62728" title "Test (relabel)"
