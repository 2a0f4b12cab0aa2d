# Paper 000 Fig. 3: the main result. List input `data`, two lds.evaluate artifacts in order:
#   data0 = evaluation of R1 (normal training)          solid, crosses
#   data1 = evaluation of R2 (masked-backstory restart) dashed, squares
# Tables used: data<i>.train.tsv and data<i>.heldout.tsv (early indices 1-8 of the first
# segment), data<i>.recall_n5.tsv (test-segment indices 1 and 2, haystack N = 5). Columns:
# examples, then q25/q50/q75 per index, then the pseudoinverse's q25/q50/q75 per index (the
# dotted lines, computed on the identical traces). Medians only: the interquartile ranges are
# in Figs. 13 and 14, one panel per index. (a) training traces, linear y; (b) log y; (c)
# held-out traces, linear y; (d) log y with recall index 1 (black) and 2 (gray).
load style
file(d, i, t) = sprintf("%s/data%d.%s.tsv", d, i, t)
K = 8
q(k, j) = 3 * k - 1 + j
p(k, j) = 3 * K + 3 * k - 1 + j
# The pseudoinverse is exactly 0 from index 7 on (numerically ~1e-14): no dotted line on log axes.
baseline(c) = (logy && column(c) < 1e-6) ? NaN : column(c)
logy = 0

# Equal panels in two columns, the key alone in a third.
array left[2] = [0.07, 0.47]
array bottom[2] = [0.56, 0.09]
width = 0.31; height = 0.32
set multiplot title headline("Paper 000 Fig. 3: normal training (R1) vs masked restart (R2)")
set xlabel "training examples seen"
set format x "%.0s%c"
set ylabel "squared error (median)"
unset key
do for [panel = 1:4] {
    set_name = (panel <= 2 ? "train" : "heldout")
    col = 2 - panel % 2; row = (panel <= 2 ? 1 : 2)
    set lmargin at screen left[col]; set rmargin at screen left[col] + width
    set bmargin at screen bottom[row]; set tmargin at screen bottom[row] + height
    if (panel % 2 == 0) { logy = 1; set logscale y; set format y "10^{%L}"; set autoscale y } else { logy = 0; unset logscale y; set format y "%g"; set yrange [0:*] }
    set title sprintf("(%s) %s traces, %s y", panel == 1 ? "a" : panel == 2 ? "b" : panel == 3 ? "c" : "d", \
                      panel <= 2 ? "training" : "held-out", panel % 2 == 0 ? "log" : "linear")
    recall = (panel == 4)
    plot for [d in versions] for [k = 1:K] file(d, 0, set_name) using 1:q(k, 1) with linespoints dt run_dash[1] pt run_marker[1] ps 0.7 lw thin(d, 1.5) lc rgb shade(d, index_colour[k]), \
         for [d in versions] for [k = 1:K] file(d, 1, set_name) using 1:q(k, 1) with linespoints dt run_dash[2] pt run_marker[2] ps 0.7 lw thin(d, 1.5) lc rgb shade(d, index_colour[k]), \
         for [k = 1:K] file(datadir, 0, set_name) using 1:(baseline(p(k, 1))) with lines dt 3 lw 2 lc rgb index_colour[k], \
         for [d in versions] for [i = 0:1] file(d, i, "recall_n5") using 1:(recall ? column(3) : NaN) with linespoints dt run_dash[i + 1] pt run_marker[i + 1] ps 0.7 lw thin(d, 2.5) lc rgb shade(d, "#000000"), \
         for [d in versions] for [i = 0:1] file(d, i, "recall_n5") using 1:(recall ? column(6) : NaN) with linespoints dt run_dash[i + 1] pt run_marker[i + 1] ps 0.7 lw thin(d, 2.5) lc rgb shade(d, "#808080")
}
# The key, alone in the third column.
eval key_panel(0.80, 0.09, 0.99, 0.88)
plot for [k = 1:K] NaN with linespoints pt run_marker[1] lw 1.5 lc rgb index_colour[k] title sprintf("index %d", k), \
     NaN with lines lw 2.5 lc rgb "#000000" title "recall idx 1, N = 5", \
     NaN with lines lw 2.5 lc rgb "#808080" title "recall idx 2, N = 5", \
     NaN with linespoints dt run_dash[1] pt run_marker[1] lw 1.5 lc rgb "black" title "R1 normal", \
     NaN with linespoints dt run_dash[2] pt run_marker[2] lw 1.5 lc rgb "black" title "R2 masked restart", \
     NaN with lines dt 3 lw 2 lc rgb "black" title "pseudoinverse"
unset multiplot
