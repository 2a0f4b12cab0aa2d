# Paper 003 Fig. 2b: in-context accuracy on CIWL sequences with one layer-2 head active and its
# query row clamped to an attention delta (correct minus incorrect label token), end of
# training. Input `data`: transience.analyze of the main run: data0.delta.tsv (delta, then
# accuracy_h0..accuracy_h7).
load style
set title headline("Paper 003 Fig. 2b: one layer-2 head active, accuracy vs clamped attention delta")
set xlabel "Clamped attention delta (correct - incorrect label)"
set ylabel "In-context accuracy (CIWL)"
set key top left
set yrange [0:1.02]
array colour[8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
f = sprintf("%s/data0.delta.tsv", datadir)
plot for [h = 0:7] f using 1:(column(h + 2)) with linespoints lw 1.5 pt 7 ps 0.6 lc rgb colour[h + 1] title sprintf("Head %d", h)
