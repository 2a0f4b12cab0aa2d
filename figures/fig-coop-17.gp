# Paper 003 Fig. 17: the coopetition toy model over the seeds of list input `data` (μ_1 = 0: mechanism 1 wins and stays while d -> 0):
# data<i>.loss.tsv (iteration total mech1 mech2 competition) and data<i>.summary.tsv
# (seed mu1 mu2 alpha transient min_iteration min_mech1 divot divot_iteration divot_mech2).
# Mechanism 1 is drawn as L1 + mu1; no competition term, as in the paper.
load style
n = words(system(sprintf("ls %s/data*.loss.tsv 2>/dev/null", datadir)))
# Every stats call comes before any range or log setting, which stats would otherwise apply.
array seed[n]
array mu1[n]
do for [i = 0:n - 1] {
    summary = sprintf("%s/data%d.summary.tsv", datadir, i)
    stats summary using 1 nooutput; seed[i + 1] = int(STATS_min)
    stats summary using 2 nooutput; mu1[i + 1] = STATS_min
}
columns = (n < 4 ? n : 4)
rows = (n + columns - 1) / columns
set multiplot title headline(sprintf("Paper 003 Fig. 17: toy model, μ_1 = %g, %d seeds", mu1[1], n))
set logscale y
set format y "10^{%L}"
set yrange [1e-5:10]
set ytics (1e-4, 1e-2, 1)
set xtics 4
unset key
do for [i = 0:n - 1] {
    eval grid_cell(i, rows, columns, 0.08, 0.09, 0.80, 0.87, 0.02, 0.07)
    # Shared axes: tick labels on the outer panels only.
    if (int(i / columns) == rows - 1) { set xlabel "steps (thousands)"; set format x "%g" } else { unset xlabel; set format x "" }
    if (i % columns == 0) { set ylabel "loss"; set format y "10^{%L}" } else { unset ylabel; set format y "" }
    set title sprintf("seed %d", seed[i + 1])
    loss(d) = sprintf("%s/data%d.loss.tsv", d, i)
    plot for [d in versions] loss(d) using ($1 / 1000):2 with lines lw thin(d, 1.5) lc rgb shade(d, "#000000"), \
         for [d in versions] loss(d) using ($1 / 1000):($3 + mu1[i + 1]) with lines lw thin(d, 1.5) lc rgb shade(d, "#1f77b4"), \
         for [d in versions] loss(d) using ($1 / 1000):4 with lines lw thin(d, 1.5) lc rgb shade(d, "#2ca02c")
}
eval key_panel(0.82, 0.09, 0.99, 0.88)
plot NaN with lines lw 1.5 lc rgb "#000000" title "total", \
     NaN with lines lw 1.5 lc rgb "#1f77b4" title "mech. 1 (L_1 + μ_1)", \
     NaN with lines lw 1.5 lc rgb "#2ca02c" title "mech. 2"
unset multiplot
