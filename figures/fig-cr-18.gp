# Paper 002 Fig. 18 (one Div level): steering by target attribute type: the mean rank of the
# original and the target answer against β, for finetuned (solid) and held-out (dashed) query
# subjects.
# Input `data`: a cr.represent artifact: data0.steering.tsv (beta target_type heldout
# original_rank target_rank), ordered held-out flag, then target type, then β.
load style
s(d) = sprintf("%s/data0.steering.tsv", d)
stats s(datadir) using 2 nooutput
L = int(STATS_max) + 1
B = int(STATS_records / (2 * L))
columns = (L < 4 ? L : 4)
rows = int(ceil(L / 4.0))
set multiplot title headline("Paper 002 Fig. 18: steering towards each attribute type")
set logscale y
unset key
do for [k = 0:L - 1] {
    eval grid_cell(k, rows, columns, 0.08, 0.10, 0.80, 0.87, 0.05, 0.12)
    if (int(k / columns) == rows - 1) { set xlabel "β" } else { unset xlabel }
    if (k % columns == 0) { set ylabel "mean rank" } else { unset ylabel }
    set title sprintf("target type %d", k)
    seen = k * B
    held = (L + k) * B
    plot for [d in versions] s(d) every ::seen::(seen + B - 1) using 1:4 with lines lw thin(d, 2) lc rgb shade(d, "#1f77b4"), \
         for [d in versions] s(d) every ::seen::(seen + B - 1) using 1:5 with lines lw thin(d, 2) lc rgb shade(d, "#d62728"), \
         for [d in versions] s(d) every ::held::(held + B - 1) using 1:4 with lines lw thin(d, 2) dt 2 lc rgb shade(d, "#1f77b4"), \
         for [d in versions] s(d) every ::held::(held + B - 1) using 1:5 with lines lw thin(d, 2) dt 2 lc rgb shade(d, "#d62728")
}
eval key_panel(0.82, 0.10, 0.99, 0.87)
plot NaN with lines lw 2 lc rgb "#1f77b4" title "original answer", \
     NaN with lines lw 2 lc rgb "#d62728" title "target answer", \
     NaN with lines lw 2 lc rgb "#000000" title "seen subjects", \
     NaN with lines lw 2 dt 2 lc rgb "#000000" title "held-out subjects"
unset multiplot
