# Paper 000 Fig. 12: associative recall on held-out haystacks of N = 5, test-segment index 1
# (black, predicted at the query open label) and index 2 (blue). List input `data`, three
# lds.evaluate artifacts in order:
#   data0 = R1 (normal)                              dots
#   data1 = R3 (masked backstories from scratch)     diamonds
#   data2 = R4 (unmasked backstories from scratch)   triangles
# Table used: data<i>.recall_n5.tsv (examples, q25/q50/q75 of index 1, of index 2, then the
# pseudoinverse's, which is 0: an oracle with 10 observations, so no baseline is drawn).
# (a) linear y, (b) log y; shaded bands are the interquartile ranges.
load style
file(i) = sprintf("%s/data%d.recall_n5.tsv", datadir, i)
array marker[3] = [7, 13, 9]
array label[3] = ["R1 normal", "R3 masked from scratch", "R4 unmasked from scratch"]

set multiplot layout 1, 2 title headline("Paper 000 Fig. 12: recall at N = 5")
set grid
set key top right
set xlabel "training examples seen"
set format x "%.0s%c"
set ylabel "squared error (median)"
set style fill transparent solid 0.08 noborder
do for [panel = 1:2] {
    if (panel == 2) { set logscale y; set format y "10^{%L}"; set autoscale y; unset key } else { set yrange [0:*] }
    set title sprintf("(%s) %s y", panel == 1 ? "a" : "b", panel == 1 ? "linear" : "log")
    plot for [i = 0:2] file(i) using 1:2:4 with filledcurves lc rgb "black" notitle, \
         for [i = 0:2] file(i) using 1:5:7 with filledcurves lc rgb "blue" notitle, \
         for [i = 0:2] file(i) using 1:3 with linespoints pt marker[i + 1] ps 0.8 lc rgb "black" title label[i + 1]." idx 1", \
         for [i = 0:2] file(i) using 1:6 with linespoints pt marker[i + 1] ps 0.8 lc rgb "blue" title label[i + 1]." idx 2"
}
unset multiplot
