# Paper 002 Fig. 18: steering by target attribute type: the mean rank of the original and the
# target answer against β, for finetuned (solid) and held-out (dashed) query subjects; one
# row per Div level (lower Div on top).
# Inputs `data`: cr.represent artifacts, one per Div level: data<i>.steering.tsv (beta
# target_type heldout original_rank target_rank), ordered held-out flag, then target type,
# then β; data<i>.setting.tsv (div).
load style
s(d, i) = sprintf("%s/data%d.steering.tsv", d, i)
levels = int(system(sprintf("ls %s/data*.steering.tsv | wc -l", datadir)))
array div[levels]
do for [i = 1:levels] { stats sprintf("%s/data%d.setting.tsv", datadir, i - 1) using 1 nooutput; div[i] = STATS_max }
stats s(datadir, 0) using 2 nooutput
L = int(STATS_max) + 1
B = int(STATS_records / (2 * L))
# One rank range per row (Div level), so that its panels compare; tick labels on the first only.
array low[levels]
array high[levels]
do for [i = 1:levels] {
    stats s(datadir, i - 1) using 4 nooutput
    low[i] = STATS_min; high[i] = STATS_max
    stats s(datadir, i - 1) using 5 nooutput
    low[i] = STATS_min < low[i] ? STATS_min : low[i]; high[i] = STATS_max > high[i] ? STATS_max : high[i]
}
set multiplot title headline("Paper 002 Fig. 18: steering towards each attribute type")
set logscale y
set xtics 0.5
set ytics (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
unset key
do for [i = 1:levels] {
    set yrange [low[i] / 1.3:high[i] * 1.3]
    do for [k = 0:L - 1] {
        eval grid_cell((i - 1) * L + k, levels, L, 0.10, 0.10, 0.80, 0.87, 0.02, 0.12)
        if (i == levels) { set xlabel "β" } else { unset xlabel }
        if (k == 0) { set ylabel sprintf("Div %.2f: mean rank", div[i]); set format y "%g" } else { unset ylabel; set format y "" }
        set title sprintf("target type %d", k)
        seen = k * B
        held = (L + k) * B
        plot for [d in versions] s(d, i - 1) every ::seen::(seen + B - 1) using 1:4 with lines lw thin(d, 2) lc rgb shade(d, "#1f77b4"), \
             for [d in versions] s(d, i - 1) every ::seen::(seen + B - 1) using 1:5 with lines lw thin(d, 2) lc rgb shade(d, "#d62728"), \
             for [d in versions] s(d, i - 1) every ::held::(held + B - 1) using 1:4 with lines lw thin(d, 2) dt 2 lc rgb shade(d, "#1f77b4"), \
             for [d in versions] s(d, i - 1) every ::held::(held + B - 1) using 1:5 with lines lw thin(d, 2) dt 2 lc rgb shade(d, "#d62728")
    }
}
eval key_panel(0.82, 0.10, 0.99, 0.87)
plot NaN with lines lw 2 lc rgb "#1f77b4" title "original answer", \
     NaN with lines lw 2 lc rgb "#d62728" title "target answer", \
     NaN with lines lw 2 lc rgb "#000000" title "seen subjects", \
     NaN with lines lw 2 dt 2 lc rgb "#000000" title "held-out subjects"
unset multiplot
