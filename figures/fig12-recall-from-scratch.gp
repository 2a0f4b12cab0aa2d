# Paper 000 Fig. 12: associative recall on held-out haystacks of N = 5, test-segment index 1
# (predicted at the query open label) and index 2. List input `data`, three lds.evaluate
# artifacts in order: data0 = R1 (normal), data1 = R3 (masked backstories from scratch),
# data2 = R4 (unmasked backstories from scratch). Table used: data<i>.recall_n5.tsv (examples,
# q25/q50/q75 of index 1, of index 2, then the pseudoinverse's, which is 0: an oracle with 10
# observations, so no baseline is drawn). Lines are medians, bands interquartile ranges.
load style
file(d, i) = sprintf("%s/data%d.recall_n5.tsv", d, i)
array run[3] = [1, 3, 4]
set multiplot title headline("Paper 000 Fig. 12: recall at N = 5, R1 vs the runs from scratch")
set xlabel "training examples seen"
set format x "%.0s%c"
set yrange [0:*]
set style fill transparent solid 0.12 noborder
unset key
do for [index = 1:2] {
    eval grid_cell(index - 1, 1, 2, 0.08, 0.11, 0.78, 0.87, 0.06, 0)
    if (index == 1) { set ylabel "squared error" } else { unset ylabel }
    set title sprintf("test index %d%s", index, index == 1 ? " (at the query open label)" : "")
    plot for [i = 0:2] file(datadir, i) using 1:(column(3 * index - 1)):(column(3 * index + 1)) with filledcurves lc rgb run_colour[run[i + 1]], \
         for [d in versions] for [i = 0:2] file(d, i) using 1:(column(3 * index)) with linespoints pt 7 ps 0.6 dt run_dash[run[i + 1]] lw thin(d, 2) lc rgb shade(d, run_colour[run[i + 1]])
}
eval key_panel(0.80, 0.11, 0.99, 0.87)
plot for [i = 1:3] NaN with linespoints pt 7 ps 0.6 dt run_dash[run[i]] lw 2 lc rgb run_colour[run[i]] title run_name[run[i]], \
     NaN with filledcurves lc rgb "#808080" title "interquartile range"
unset multiplot
