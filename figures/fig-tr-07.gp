# Paper 003 Fig. 7: seeds of initialisation and data: ICL (left) and Flip (right) accuracy.
# Input `data`: data0 = transience.evaluate of the main run (seed 0: curves.tsv), data1 = of
# the other seeds (curves_<i>.tsv, seeds 1, 2).
load style
set multiplot title headline("Paper 003 Fig. 7: seeds of initialisation and data")
set xlabel "sequences seen"
# Narrow panels: "2M" rather than "2x10^6", so the tick labels do not run together.
set format x "%.0s%c"
set yrange [0:1.02]
array colour[3] = [c_main, c_seed1, c_seed2]
array name[3] = ["seed 0", "seed 1", "seed 2"]
unset key
do for [panel = 0:1] {
    c = (panel == 0 ? 3 : 6)
    eval grid_cell(panel, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.05, 0)
    if (panel == 0) { set ylabel "in-context accuracy" } else { unset ylabel }
    set title (panel == 0 ? "ICL evaluator" : "Flip evaluator")
    plot for [d in versions] sprintf("%s/data0.curves.tsv", d) using 1:(column(c)) with lines lw thin(d, 2) lc rgb shade(d, colour[1]), \
         for [d in versions] for [i = 0:1] sprintf("%s/data1.curves_%d.tsv", d, i) using 1:(column(c)) with lines lw thin(d, 2) lc rgb shade(d, colour[i + 2])
}
eval key_panel(0.82, 0.11, 0.99, 0.87)
plot for [i = 1:3] NaN with lines lw 2 lc rgb colour[i] title name[i]
unset multiplot
