# Paper 003 Fig. 2b: in-context accuracy on CIWL sequences with one layer-2 head active and its
# query row clamped to an attention delta (correct minus incorrect label token), end of
# training. Input `data`: transience.analyze of the main run: data0.delta.tsv (delta, then
# accuracy_h0..accuracy_h7).
load style
set title headline("Paper 003 Fig. 2b: one layer-2 head active, accuracy vs clamped attention delta")
set xlabel "clamped attention delta (correct − incorrect label)"
set ylabel "in-context accuracy (CIWL)"
set key outside right top
set yrange [0:1.02]
f(d) = sprintf("%s/data0.delta.tsv", d)
plot for [d in versions] for [h = 0:7] f(d) using 1:(column(h + 2)) with linespoints lw thin(d, 2) pt 7 ps 0.8 lc rgb shade(d, head_colour[h + 1]) title label(d, sprintf("head %d", h))
