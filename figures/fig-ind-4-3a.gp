# Thesis Fig. 4.3a: training loss and the two test losses vs sequences seen.
# Input `data`: the induction.evaluate artifact of the full run: data0.train_loss.tsv
# (sequences loss, binned training loss) and data0.curves.tsv (sequences, then train,
# exemplars and relabel loss / accuracy, ...).
load style
set title headline("Thesis Fig. 4.3a: induction heads, loss vs sequences seen")
set xlabel "sequences seen"
set format x "%.0s%c"
set ylabel "loss"
set key top right
set yrange [0:*]
set arrow from graph 0, first log(2) to graph 1, first log(2) nohead dt 2 lc rgb "#7f7f7f"
set label "log 2" at graph 0.01, first log(2) offset 0, 0.6 tc rgb "#7f7f7f"
plot for [d in versions] sprintf("%s/data0.train_loss.tsv", d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, "#000000") title label(d, "train"), \
     for [d in versions] sprintf("%s/data0.curves.tsv", d) using 1:4 with lines lw thin(d, 2) lc rgb shade(d, "#1f77b4") title label(d, "test (exemplars)"), \
     for [d in versions] sprintf("%s/data0.curves.tsv", d) using 1:6 with lines lw thin(d, 2) lc rgb shade(d, "#d62728") title label(d, "test (relabel)")
