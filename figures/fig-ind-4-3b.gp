# Thesis Fig. 4.3b: induction strength of each layer-2 head vs sequences seen: attention from
# the query to the correct label token minus to the incorrect one, on training sequences.
# Input `data`: the induction.evaluate artifact of the full run: data0.curves.tsv, columns
# 8..15 = strength_h0..strength_h7.
load style
set title headline("Thesis Fig. 4.3b: induction strength of each layer-2 head")
set xlabel "Sequences seen"
set ylabel "Induction strength"
set key top left
array colour[8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
plot for [h = 0:7] sprintf("%s/data0.curves.tsv", datadir) using 1:(column(8 + h)) with lines lw (h == 3 ? 3 : 1.5) lc rgb colour[h + 1] title sprintf("Head %d", h)
