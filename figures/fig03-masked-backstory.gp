# Paper 000 Fig. 3: the main result. List input `data`, two lds.evaluate artifacts in order:
#   data0 = evaluation of R1 (normal training)        crossed markers
#   data1 = evaluation of R2 (masked-backstory restart) squared markers
# Tables used: data<i>.train.tsv and data<i>.heldout.tsv (early indices 1-8 of the first
# segment), data<i>.recall_n5.tsv (test-segment indices 1 and 2, haystack N = 5). Columns:
# examples, then q25/q50/q75 per index, then the pseudoinverse's q25/q50/q75 per index (the
# dotted lines, computed on the identical traces). Shaded bands are R1's interquartile range.
# (a) training traces, linear y; (b) log y; (c) held-out traces, linear y; (d) log y with
# recall index 1 (black) and 2 (blue).
file(i, t) = sprintf("%s/data%d.%s.tsv", datadir, i, t)
K = 8
q(k, j) = 3 * k - 1 + j
p(k, j) = 3 * K + 3 * k - 1 + j
# The pseudoinverse is exactly 0 from index 7 on (numerically ~1e-14): no dotted line on log axes.
baseline(c) = (logy && column(c) < 1e-6) ? NaN : column(c)
logy = 0
array colour[8] = ["#6a1b9a", "#1f4fd1", "#0097a7", "#2e7d32", "#9e9d24", "#ef6c00", "#c62828", "#6d4c41"]

set multiplot layout 2, 2 title sprintf("Masked backstories: normal (x) vs masked restart (squares), pseudoinverse dotted (profile %s)", profile)
set grid
set key outside right top font ",7" spacing 0.9
# Legend entries for the run encodings (NaN draws nothing).
runs = 'NaN with points pt 2 lc rgb "black" title "normal (R1)", NaN with points pt 4 lc rgb "black" title "masked restart (R2)", NaN with lines dt 3 lw 1.5 lc rgb "black" title "pseudoinverse"'
set xlabel "training examples seen"
set format x "%.0s%c"
set style fill transparent solid 0.12 noborder

do for [panel = 1:4] {
    set_name = (panel <= 2 ? "train" : "heldout")
    if (panel % 2 == 0) { logy = 1; set logscale y; set format y "10^{%L}"; set autoscale y } else { logy = 0; unset logscale y; set format y "%g"; set yrange [0:*] }
    if (panel == 1 || panel == 4) { set key } else { unset key }
    set ylabel "squared error (median)"
    set title sprintf("(%s) %s traces, %s y", panel == 1 ? "a" : panel == 2 ? "b" : panel == 3 ? "c" : "d", \
                      panel <= 2 ? "training" : "held-out", panel % 2 == 0 ? "log" : "linear")
    if (panel < 4) {
        plot for [k = 1:K] file(0, set_name) using 1:q(k, 0):q(k, 2) with filledcurves lc rgb colour[k] notitle, \
             for [k = 1:K] file(0, set_name) using 1:q(k, 1) with linespoints pt 2 ps 0.6 lc rgb colour[k] title sprintf("index %d", k), \
             for [k = 1:K] file(1, set_name) using 1:q(k, 1) with linespoints pt 4 ps 0.6 lc rgb colour[k] notitle, \
             for [k = 1:K] file(0, set_name) using 1:(baseline(p(k, 1))) with lines dt 3 lw 1.5 lc rgb colour[k] notitle, \
             @runs
    } else {
        plot for [k = 1:K] file(0, set_name) using 1:q(k, 1) with linespoints pt 2 ps 0.6 lc rgb colour[k] title sprintf("index %d", k), \
             for [k = 1:K] file(1, set_name) using 1:q(k, 1) with linespoints pt 4 ps 0.6 lc rgb colour[k] notitle, \
             for [k = 1:K] file(0, set_name) using 1:(baseline(p(k, 1))) with lines dt 3 lw 1.5 lc rgb colour[k] notitle, \
             file(0, "recall_n5") using 1:3 with linespoints pt 2 ps 0.6 lw 2 lc rgb "black" title "recall idx 1 (N=5)", \
             file(0, "recall_n5") using 1:6 with linespoints pt 2 ps 0.6 lw 2 lc rgb "blue" title "recall idx 2 (N=5)", \
             file(1, "recall_n5") using 1:3 with linespoints pt 4 ps 0.6 lw 2 lc rgb "black" notitle, \
             file(1, "recall_n5") using 1:6 with linespoints pt 4 ps 0.6 lw 2 lc rgb "blue" notitle, \
             @runs
    }
}
unset multiplot
