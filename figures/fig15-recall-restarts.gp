# Paper 000 Fig. 15: recall after restarting from R1's checkpoint, test-segment index 1 (at the
# query open label) and index 2, for haystacks of N = 1 and N = 5. List input `data`, three
# lds.evaluate artifacts in order: data0 = R1 (normal), data1 = R2 (masked-backstory restart),
# data2 = R5 (unmasked-backstory restart). Tables used: data<i>.recall_n1.tsv and
# data<i>.recall_n5.tsv (examples, q25/q50/q75 of index 1, of index 2, then the pseudoinverse's,
# which is 0 and not drawn). Lines are medians, bands interquartile ranges.
load style
file(d, i, n) = sprintf("%s/data%d.recall_n%d.tsv", d, i, n)
array run[3] = [1, 2, 5]
set multiplot title headline("Paper 000 Fig. 15: recall after the restart")
set format x "%.0s%c"
set yrange [0:*]
set style fill transparent solid 0.12 noborder
unset key
do for [panel = 0:3] {
    n = (panel < 2 ? 1 : 5); index = panel % 2 + 1
    eval grid_cell(panel, 2, 2, 0.08, 0.10, 0.78, 0.87, 0.06, 0.11)
    if (panel >= 2) { set xlabel "training examples seen" } else { unset xlabel }
    if (index == 1) { set ylabel "squared error" } else { unset ylabel }
    set title sprintf("N = %d, test index %d", n, index)
    plot for [i = 0:2] file(datadir, i, n) using 1:(column(3 * index - 1)):(column(3 * index + 1)) with filledcurves lc rgb run_colour[run[i + 1]], \
         for [d in versions] for [i = 0:2] file(d, i, n) using 1:(column(3 * index)) with linespoints pt 7 ps 0.6 dt run_dash[run[i + 1]] lw thin(d, 2) lc rgb shade(d, run_colour[run[i + 1]])
}
eval key_panel(0.80, 0.10, 0.99, 0.87)
plot for [i = 1:3] NaN with linespoints pt 7 ps 0.6 dt run_dash[run[i]] lw 2 lc rgb run_colour[run[i]] title run_name[run[i]], \
     NaN with filledcurves lc rgb "#808080" title "interquartile range"
unset multiplot
