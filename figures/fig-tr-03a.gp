# Paper 003 Fig. 3a: induction strength of each layer-2 head on Flip data (attention from the
# query to the label shown with the query's class minus to the other label) vs sequences seen.
# Input `data`: transience.analyze of the main run: data0.strength.tsv.
load style
set title headline("Paper 003 Fig. 3a: induction strength on Flip data per layer-2 head")
set xlabel "Sequences seen"
set ylabel "Induction strength"
set key outside right
set arrow from graph 0, first 0 to graph 1, first 0 nohead dt 2 lc rgb "#7f7f7f"
array colour[8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
f = sprintf("%s/data0.strength.tsv", datadir)
plot for [h = 0:7] f using 1:(column(h + 2)) with lines lw 2 lc rgb colour[h + 1] title sprintf("Head %d", h)
