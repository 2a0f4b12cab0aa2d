# Thesis Fig. 4.3b: induction strength of each layer-2 head vs sequences seen: attention from
# the query to the correct label token minus to the incorrect one, on training sequences.
# Input `data`: the induction.evaluate artifact of the full run: data0.curves.tsv, columns
# 8..15 = strength_h0..strength_h7.
load style
set title headline("Thesis Fig. 4.3b: induction strength of each layer-2 head")
set xlabel "sequences seen"
set format x "%.0s%c"
set ylabel "induction strength"
set key outside right top
plot for [d in versions] for [h = 0:7] sprintf("%s/data0.curves.tsv", d) using 1:(column(8 + h)) with lines lw thin(d, h == 3 ? 3.5 : 2) lc rgb shade(d, head_colour[h + 1]) title label(d, sprintf("head %d", h))
