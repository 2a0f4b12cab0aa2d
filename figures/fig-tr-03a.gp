# Paper 003 Fig. 3a: induction strength of each layer-2 head on Flip data (attention from the
# query to the label shown with the query's class minus to the other label) vs sequences seen.
# Input `data`: transience.analyze of the main run: data0.strength.tsv.
load style
set title headline("Paper 003 Fig. 3a: induction strength on Flip data per layer-2 head")
set xlabel "sequences seen"
set ylabel "induction strength"
set key outside right top
set arrow from graph 0, first 0 to graph 1, first 0 nohead dt 2 lc rgb "#7f7f7f"
f(d) = sprintf("%s/data0.strength.tsv", d)
plot for [d in versions] for [h = 0:7] f(d) using 1:(column(h + 2)) with lines lw thin(d, 2) lc rgb shade(d, head_colour[h + 1]) title label(d, sprintf("head %d", h))
