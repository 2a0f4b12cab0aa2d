# Paper 000 Fig. 13: training traces (large version of Fig. 3a/b). List input `data`, two lds.evaluate artifacts in order:
#   data0 = evaluation of R1 (normal training)          crossed markers, shaded IQR
#   data1 = evaluation of R2 (masked-backstory restart) squared markers, shaded IQR
# Table used: data<i>.train.tsv (early indices 1-8 of the first segment). Columns: examples,
# then q25/q50/q75 per index, then the pseudoinverse's q25/q50/q75 per index (the dotted
# lines, on the identical traces). (a) linear y, (b) log y.
load style
file(i) = sprintf("%s/data%d.train.tsv", datadir, i)
K = 8
q(k, j) = 3 * k - 1 + j
p(k, j) = 3 * K + 3 * k - 1 + j
# The pseudoinverse is exactly 0 from index 7 on (numerically ~1e-14): no dotted line on log axes.
baseline(c) = (logy && column(c) < 1e-6) ? NaN : column(c)
logy = 0
array colour[8] = ["#6a1b9a", "#1f4fd1", "#0097a7", "#2e7d32", "#9e9d24", "#ef6c00", "#c62828", "#6d4c41"]
runs = 'NaN with points pt 2 lc rgb "black" title "normal (R1)", NaN with points pt 4 lc rgb "black" title "masked restart (R2)", NaN with lines dt 3 lw 1.5 lc rgb "black" title "pseudoinverse"'

set multiplot layout 2, 1 title headline("Paper 000 Fig. 13: training traces (large version of Fig. 3a/b)")
set grid
set key outside right top
set xlabel "training examples seen"
set format x "%.0s%c"
set ylabel "squared error (median, IQR shaded)"
set style fill transparent solid 0.12 noborder
do for [panel = 1:2] {
    if (panel == 2) { logy = 1; set logscale y; set format y "10^{%L}"; set autoscale y } else { logy = 0; set yrange [0:*] }
    set title sprintf("(%s) %s y", panel == 1 ? "a" : "b", panel == 1 ? "linear" : "log")
    plot for [i = 0:1] for [k = 1:K] file(i) using 1:q(k, 0):q(k, 2) with filledcurves lc rgb colour[k] notitle, \
         for [k = 1:K] file(0) using 1:q(k, 1) with linespoints pt 2 ps 0.7 lc rgb colour[k] title sprintf("index %d", k), \
         for [k = 1:K] file(1) using 1:q(k, 1) with linespoints pt 4 ps 0.7 lc rgb colour[k] notitle, \
         for [k = 1:K] file(0) using 1:(baseline(p(k, 1))) with lines dt 3 lw 1.5 lc rgb colour[k] notitle, \
         @runs
}
unset multiplot
