# Paper 003 Fig. 8: position schemes: learned absolute (the main run), sinusoidal and RoPE; ICL
# (left) and Flip (right) accuracy. Input `data`: data0 = transience.evaluate of the main run
# (curves.tsv), data1 = of the sinusoidal and RoPE runs (curves_0.tsv, curves_1.tsv).
load style
set multiplot title headline("Paper 003 Fig. 8: position schemes")
set xlabel "sequences seen"
# Narrow panels: "2M" rather than "2x10^6", so the tick labels do not run together.
set format x "%.0s%c"
set yrange [0:1.02]
array colour[3] = [c_main, c_sinusoidal, c_rope]
array name[3] = ["learned", "sinusoidal", "RoPE"]
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
