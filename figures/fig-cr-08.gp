# Paper 002 Fig. 8 (one Div level): for the ICL+Grm-finetuned model, held-out ICL accuracy and
# the layer-2 attention silhouette against the number of demonstrations t (top left); the mean
# rank of the original and the target answer when the layer-2 attention output is steered
# towards another type's mean by β (top right); C̄^t of the layer-2 attention output at
# t = 0, 2 and 10 (bottom; fewer demonstrations where the world has fewer).
# Input `data`: a cr.represent artifact: data0.clustering.tsv (t accuracy l1_attention l1_block
# l2_attention l2_block), data0.cosine.tsv (t row column value), data0.steering.tsv (beta
# target_type heldout original_rank target_rank).
load style
c(d) = sprintf("%s/data0.clustering.tsv", d)
s(d) = sprintf("%s/data0.steering.tsv", d)
stats c(datadir) using 1 nooutput
N = int(STATS_max)
stats sprintf("%s/data0.cosine.tsv", datadir) using 2 nooutput
L = int(STATS_max) + 1
array ts[3] = [0, 2, 10]
do for [i = 2:3] { if (ts[i] > N) { ts[i] = N } }
set multiplot layout 2, 3 title headline("Paper 002 Fig. 8: representations of the ICL+Grm-finetuned model")
set title "held-out ICL sequences"
set xlabel "demonstrations t"
set ylabel "accuracy / silhouette"
set yrange [-0.1:1.15]
set key top left
plot for [d in versions] c(d) using 1:2 with linespoints pt 7 ps 0.8 lw thin(d, 2) lc rgb shade(d, "#1f77b4") title label(d, "exact match"), \
     for [d in versions] c(d) using 1:5 with linespoints pt 5 ps 0.8 lw thin(d, 2) lc rgb shade(d, "#d62728") title label(d, "silhouette, L2 attention")
set title "steering the layer-2 attention output"
set xlabel "β"
set ylabel "mean rank"
set logscale y
set yrange [*:*]
set key top right
plot for [d in versions] s(d) using 1:4 smooth unique with linespoints pt 7 ps 0.8 lw thin(d, 2) lc rgb shade(d, "#1f77b4") title label(d, "original answer"), \
     for [d in versions] s(d) using 1:5 smooth unique with linespoints pt 5 ps 0.8 lw thin(d, 2) lc rgb shade(d, "#d62728") title label(d, "target answer")
unset logscale y
set multiplot next
set palette defined (-1 "#b2182b", 0 "white", 1 "#2166ac")
set cbrange [-1:1]
set xrange [-0.5:L - 0.5]
set yrange [L - 0.5:-0.5]
set xlabel "attribute type"
set ylabel "attribute type"
set xtics 1
set ytics 1
set size square
do for [i = 1:3] {
    set title heat_title(sprintf("C̄ at t = %d", ts[i]))
    plot heat_source("data0.cosine.tsv") every ::(ts[i] * L * L)::((ts[i] + 1) * L * L - 1) using 3:2:(heat_value(4, 4)) with image notitle
}
unset multiplot
