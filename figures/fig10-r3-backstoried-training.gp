# Paper 000 Fig. 10: R3 (masked backstories from scratch) on backstoried training traces, one panel per index.
# List input `data`, one lds.evaluate artifact: data0 = R3. Table used: data0.train_backstory.tsv;
# indices 1-8 predict x_{-7}..x_0 of the first segment. Columns: examples, then q25/q50/q75 per index, then the pseudoinverse's
# q25/q50/q75 per index (on the identical traces). Lines are medians, bands interquartile
# ranges, the dotted line the pseudoinverse's median.
load style
file(d) = sprintf("%s/data0.train_backstory.tsv", d)
K = 8
q(k, j) = 3 * k - 1 + j
p(k, j) = 3 * K + 3 * k - 1 + j
# The pseudoinverse is exactly 0 from index 7 on (numerically ~1e-14): no dotted line on log axes.
baseline(c) = column(c) < 1e-6 ? NaN : column(c)
# One y range and three x ticks for all panels, so that only the outer ones need labels
# (stats first: it would otherwise apply the log scale).
ymin = 1e9; ymax = 0
do for [k = 1:K] {
    stats file(datadir) using q(k, 0) nooutput; ymin = (STATS_min > 0 && STATS_min < ymin) ? STATS_min : ymin
    stats file(datadir) using q(k, 2) nooutput; ymax = (STATS_max > ymax) ? STATS_max : ymax
}
stats file(datadir) using 1 nooutput; xmax = STATS_max
set yrange [10 ** floor(log10(ymin)):10 ** ceil(log10(ymax))]
set xrange [0:xmax]
set xtics xmax / 2, xmax / 2
set multiplot title headline("Paper 000 Fig. 10: R3 (masked backstories from scratch) on backstoried training traces")
set logscale y
set style fill transparent solid 0.15 noborder
unset key
do for [k = 1:K] {
    eval grid_cell(k - 1, 2, 4, 0.07, 0.10, 0.78, 0.87, 0.025, 0.10)
    if (k > 4) { set xlabel "examples seen"; set format x "%.0s%c" } else { unset xlabel; set format x "" }
    if (k % 4 == 1) { set ylabel "squared error"; set format y "10^{%L}" } else { unset ylabel; set format y "" }
    set title sprintf("index %d", k)
    plot file(datadir) using 1:q(k, 0):q(k, 2) with filledcurves lc rgb run_colour[3], \
         for [d in versions] file(d) using 1:q(k, 1) with lines dt run_dash[3] lw thin(d, 2) lc rgb shade(d, run_colour[3]), \
         file(datadir) using 1:(baseline(p(k, 1))) with lines dt 3 lw 2.5 lc rgb "black"
}
eval key_panel(0.80, 0.10, 0.99, 0.87)
set style fill transparent solid 0.15 noborder
plot NaN with lines dt run_dash[3] lw 2 lc rgb run_colour[3] title "R3 masked", \
     NaN with filledcurves lc rgb run_colour[3] title "interquartile range", \
     NaN with lines dt 3 lw 2.5 lc rgb "black" title "pseudoinverse"
unset multiplot
