# Paper 000 Fig. 15: recall after restarting from R1's checkpoint, test-segment index 1 (black,
# at the query open label) and index 2 (blue). List input `data`, three lds.evaluate
# artifacts in order:
#   data0 = R1 (normal)                        dots
#   data1 = R2 (masked-backstory restart)      diamonds
#   data2 = R5 (unmasked-backstory restart)    triangles
# Tables used: data<i>.recall_n1.tsv for (a) N = 1 and data<i>.recall_n5.tsv for (b) N = 5
# (examples, q25/q50/q75 of index 1, of index 2, then the pseudoinverse's, which is 0 and not
# drawn). Linear y; shaded bands are the interquartile ranges.
load style
file(i, n) = sprintf("%s/data%d.recall_n%d.tsv", datadir, i, n)
array marker[3] = [7, 13, 9]
array label[3] = ["R1 normal", "R2 masked restart", "R5 unmasked restart"]

set multiplot layout 1, 2 title headline("Paper 000 Fig. 15: recall after the restart")
set grid
set key top right
set xlabel "training examples seen"
set format x "%.0s%c"
set ylabel "squared error (median)"
set yrange [0:*]
set style fill transparent solid 0.08 noborder
do for [panel = 1:2] {
    n = (panel == 1 ? 1 : 5)
    if (panel == 2) { unset key }
    set title sprintf("(%s) N = %d", panel == 1 ? "a" : "b", n)
    plot for [i = 0:2] file(i, n) using 1:2:4 with filledcurves lc rgb "black" notitle, \
         for [i = 0:2] file(i, n) using 1:5:7 with filledcurves lc rgb "blue" notitle, \
         for [i = 0:2] file(i, n) using 1:3 with linespoints pt marker[i + 1] ps 0.8 lc rgb "black" title label[i + 1]." idx 1", \
         for [i = 0:2] file(i, n) using 1:6 with linespoints pt marker[i + 1] ps 0.8 lc rgb "blue" title label[i + 1]." idx 2"
}
unset multiplot
