# Paper 000 Fig. 13: training traces (the large version of Fig. 3a/b), one panel per index. List input
# `data`, two lds.evaluate artifacts in order: data0 = R1 (normal training), data1 = R2
# (masked-backstory restart). Table used: data<i>.train.tsv (early indices 1-8 of the first
# segment). Columns: examples, then q25/q50/q75 per index, then the pseudoinverse's q25/q50/q75
# per index (on the identical traces). Lines are medians, bands interquartile ranges, the
# dotted line the pseudoinverse's median.
load style
file(d, i) = sprintf("%s/data%d.train.tsv", d, i)
K = 8
q(k, j) = 3 * k - 1 + j
p(k, j) = 3 * K + 3 * k - 1 + j
# The pseudoinverse is exactly 0 from index 7 on (numerically ~1e-14): no dotted line on log axes.
baseline(c) = column(c) < 1e-6 ? NaN : column(c)
# One y range and three x ticks for all panels, so that only the outer ones need labels
# (stats first: it would otherwise apply the log scale).
ymin = 1e9; ymax = 0
do for [i = 0:1] {
    do for [k = 1:K] {
        stats file(datadir, i) using q(k, 0) nooutput; ymin = (STATS_min > 0 && STATS_min < ymin) ? STATS_min : ymin
        stats file(datadir, i) using q(k, 2) nooutput; ymax = (STATS_max > ymax) ? STATS_max : ymax
    }
}
stats file(datadir, 0) using 1 nooutput; xmax = STATS_max
set yrange [10 ** floor(log10(ymin)):10 ** ceil(log10(ymax))]
set xrange [0:xmax]
set xtics xmax / 2, xmax / 2
set multiplot title headline("Paper 000 Fig. 13: training traces, R1 normal vs R2 masked restart")
set logscale y
set format x "%.0s%c"
set style fill transparent solid 0.15 noborder
unset key
do for [k = 1:K] {
    eval grid_cell(k - 1, 2, 4, 0.07, 0.10, 0.78, 0.87, 0.025, 0.10)
    if (k > 4) { set xlabel "examples seen"; set format x "%.0s%c" } else { unset xlabel; set format x "" }
    if (k % 4 == 1) { set ylabel "squared error"; set format y "10^{%L}" } else { unset ylabel; set format y "" }
    set title sprintf("index %d", k)
    plot for [i = 0:1] file(datadir, i) using 1:q(k, 0):q(k, 2) with filledcurves lc rgb run_colour[i + 1], \
         for [d in versions] for [i = 0:1] file(d, i) using 1:q(k, 1) with lines dt run_dash[i + 1] lw thin(d, 2) lc rgb shade(d, run_colour[i + 1]), \
         file(datadir, 0) using 1:(baseline(p(k, 1))) with lines dt 3 lw 2.5 lc rgb "black"
}
eval key_panel(0.80, 0.10, 0.99, 0.87)
set style fill transparent solid 0.15 noborder
plot NaN with lines dt run_dash[1] lw 2 lc rgb run_colour[1] title "R1 normal", \
     NaN with lines dt run_dash[2] lw 2 lc rgb run_colour[2] title "R2 masked restart", \
     NaN with filledcurves lc rgb "#808080" title "interquartile range", \
     NaN with lines dt 3 lw 2.5 lc rgb "black" title "pseudoinverse"
unset multiplot
