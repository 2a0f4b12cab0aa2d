# Paper 002 Fig. 17 (one Div level): C̄^t(ℓ, ℓ'), the mean cosine between the layer-2 attention
# outputs of ICL sequences of types ℓ and ℓ', for every number of demonstrations t.
# Input `data`: a cr.represent artifact: data0.cosine.tsv (t row column value).
load style
m = sprintf("%s/data0.cosine.tsv", datadir)
stats m using 1:2 nooutput
N = int(STATS_max_x)
L = int(STATS_max_y) + 1
set multiplot layout int(ceil((N + 1) / 4.0)), 4 title headline(heat_title("Paper 002 Fig. 17: C̄^t of the layer-2 attention output"))
set palette defined (-1 "#b2182b", 0 "white", 1 "#2166ac")
set cbrange [-1:1]
unset colorbox
set xrange [-0.5:L - 0.5]
set yrange [L - 0.5:-0.5]
set size square
set xtics 1
set ytics 1
do for [t = 0:N] {
    set title sprintf("t = %d", t)
    plot heat_source("data0.cosine.tsv") every ::(t * L * L)::((t + 1) * L * L - 1) using 3:2:(heat_value(4, 4)) with image notitle
}
unset multiplot
