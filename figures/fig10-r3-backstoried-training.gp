# Paper 000 Fig. 10: R3 (masked backstories from scratch) on backstoried training traces. List input `data`, one lds.evaluate artifact:
#   data0 = evaluation of R3 (masked backstories from scratch)   crossed markers, shaded IQR
# Table used: data0.train_backstory.tsv; indices 1-8 predict x_{-7}..x_0 of the first segment. Columns: examples, then
# q25/q50/q75 per index, then the pseudoinverse's q25/q50/q75 per index (dotted lines, on the
# identical traces). (a) linear y, (b) log y.
load style
file = sprintf("%s/data0.train_backstory.tsv", datadir)
K = 8
q(k, j) = 3 * k - 1 + j
p(k, j) = 3 * K + 3 * k - 1 + j
# The pseudoinverse is exactly 0 from index 7 on (numerically ~1e-14): no dotted line on log axes.
baseline(c) = (logy && column(c) < 1e-6) ? NaN : column(c)
logy = 0
array colour[8] = ["#6a1b9a", "#1f4fd1", "#0097a7", "#2e7d32", "#9e9d24", "#ef6c00", "#c62828", "#6d4c41"]

set multiplot layout 1, 2 title headline("Paper 000 Fig. 10: R3 (masked backstories from scratch) on backstoried training traces")
set grid
set key top right
set xlabel "training examples seen"
set format x "%.0s%c"
set ylabel "squared error (median, IQR shaded)"
set style fill transparent solid 0.12 noborder
do for [panel = 1:2] {
    if (panel == 2) { logy = 1; set logscale y; set format y "10^{%L}"; set autoscale y; unset key } else { logy = 0; set yrange [0:*] }
    set title sprintf("(%s) %s y", panel == 1 ? "a" : "b", panel == 1 ? "linear" : "log")
    plot for [k = 1:K] file using 1:q(k, 0):q(k, 2) with filledcurves lc rgb colour[k] notitle, \
         for [k = 1:K] file using 1:q(k, 1) with linespoints pt 2 ps 0.7 lc rgb colour[k] title sprintf("index %d", k), \
         for [k = 1:K] file using 1:(baseline(p(k, 1))) with lines dt 3 lw 1.5 lc rgb colour[k] notitle
}
unset multiplot
