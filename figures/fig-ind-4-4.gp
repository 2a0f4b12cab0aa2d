# Thesis Fig. 4.4: change in loss at each checkpoint when the layer-1 -> output (left) or the
# layer-2 -> output path (right) is removed from the readout, every other path (and so the
# layer-2 patterns and values) kept as computed.
# Input `data`: the induction.evaluate artifact of the full run: data0.curves.tsv,
# columns 16 (l1_out_dloss) and 17 (l2_out_dloss); column 2 is the train loss.
load style
set multiplot title headline("Thesis Fig. 4.4: path ablations at each checkpoint")
set xlabel "sequences seen"
set format x "%.0s%c"
f(d) = sprintf("%s/data0.curves.tsv", d)
array heading[2] = ["layer 1 → output ablated", "layer 2 → output ablated"]
array column_of[2] = [16, 17]
array colour[2] = ["#1f77b4", "#d62728"]
# One y range for both panels, so that the two paths' effects compare at a glance.
stats f(datadir) using 2 nooutput
top = STATS_max; bottom = STATS_min
do for [c in "16 17"] {
    stats f(datadir) using int(c) nooutput
    top = STATS_max > top ? STATS_max : top; bottom = STATS_min < bottom ? STATS_min : bottom
}
set yrange [(bottom < 0 ? 1.1 * bottom : 0):1.05 * top]
unset key
do for [panel = 0:1] {
    eval grid_cell(panel, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.06, 0)
    if (panel == 0) { set ylabel "loss" } else { unset ylabel }
    set title heading[panel + 1]
    plot for [d in versions] f(d) using 1:(column(column_of[panel + 1])) with lines lw thin(d, 2) lc rgb shade(d, colour[panel + 1]), \
         for [d in versions] f(d) using 1:2 with lines lw thin(d, 1.5) dt 2 lc rgb shade(d, "#000000")
}
eval key_panel(0.82, 0.11, 0.99, 0.87)
plot NaN with lines lw 2 lc rgb colour[1] title "Δ loss, L1 → out", \
     NaN with lines lw 2 lc rgb colour[2] title "Δ loss, L2 → out", \
     NaN with lines lw 1.5 dt 2 lc rgb "#000000" title "loss, intact"
unset multiplot
