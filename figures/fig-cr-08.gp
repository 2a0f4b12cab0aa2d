# Paper 002 Fig. 8: one row per Div level (lower Div on top). Left: for the ICL+Grm-finetuned
# model, held-out ICL accuracy and the layer-2 attention silhouette against the number of
# demonstrations t. Middle: the mean rank of the original and the target answer when the
# layer-2 attention output is steered towards another type's mean by β. Right: C̄^t of the
# layer-2 attention output at t = 0, 2 and 10 (fewer demonstrations where the world has fewer).
# Inputs `data`: cr.represent artifacts, one per Div level: data<i>.clustering.tsv (t accuracy
# l1_attention l1_block l2_attention l2_block), data<i>.cosine.tsv (t row column value),
# data<i>.steering.tsv (beta target_type heldout original_rank target_rank) and
# data<i>.setting.tsv (div).
load style
c(d, i) = sprintf("%s/data%d.clustering.tsv", d, i)
s(d, i) = sprintf("%s/data%d.steering.tsv", d, i)
levels = int(system(sprintf("ls %s/data*.clustering.tsv | wc -l", datadir)))
array div[levels]
do for [i = 1:levels] { stats sprintf("%s/data%d.setting.tsv", datadir, i - 1) using 1 nooutput; div[i] = STATS_max }
stats c(datadir, 0) using 1 nooutput
N = int(STATS_max)
stats sprintf("%s/data0.cosine.tsv", datadir) using 2 nooutput
L = int(STATS_max) + 1
array ts[3] = [0, 2, 10]
do for [k = 2:3] { if (ts[k] > N) { ts[k] = N } }
set multiplot title headline("Paper 002 Fig. 8: representations of the ICL+Grm-finetuned model")
set palette defined (-1 "#b2182b", 0 "white", 1 "#2166ac")
set cbrange [-1:1]
unset colorbox
do for [i = 1:levels] {
    top = 0.87 - (i - 1) * 0.44
    bottom = top - 0.27
    set lmargin at screen 0.08; set rmargin at screen 0.29; set tmargin at screen top; set bmargin at screen bottom
    set title sprintf("Div %.2f: held-out ICL sequences", div[i])
    set xlabel "demonstrations t"
    set ylabel "accuracy / silhouette"
    # Headroom above 1 keeps the key clear of a silhouette near 1.
    set xrange [*:*]; set yrange [-0.3:1.55]
    unset logscale y
    set xtics autofreq nomirror; set ytics -0.2, 0.2, 1 nomirror
    set key top left Left reverse
    plot for [d in versions] c(d, i - 1) using 1:2 with linespoints pt 7 ps 0.8 lw thin(d, 2) lc rgb shade(d, "#1f77b4") title label(d, "exact match"), \
         for [d in versions] c(d, i - 1) using 1:5 with linespoints pt 5 ps 0.8 lw thin(d, 2) lc rgb shade(d, "#d62728") title label(d, "silhouette, L2 attention")
    set lmargin at screen 0.39; set rmargin at screen 0.59
    set title "steering the layer-2 attention output"
    set xlabel "β"
    set ylabel "mean rank"
    set logscale y
    set yrange [*:*]; set ytics autofreq nomirror
    set key top right
    plot for [d in versions] s(d, i - 1) using 1:4 smooth unique with linespoints pt 7 ps 0.8 lw thin(d, 2) lc rgb shade(d, "#1f77b4") title label(d, "original answer"), \
         for [d in versions] s(d, i - 1) using 1:5 smooth unique with linespoints pt 5 ps 0.8 lw thin(d, 2) lc rgb shade(d, "#d62728") title label(d, "target answer")
    unset logscale y
    unset key
    set xrange [-0.5:L - 0.5]; set yrange [L - 0.5:-0.5]
    unset xlabel; unset ylabel
    unset xtics; unset ytics
    # Square maps: 0.11 of the width is 0.11 * 1400 / 900 of the height.
    set bmargin at screen top - 0.11 * 14 / 9.0
    do for [k = 1:3] {
        left = 0.63 + (k - 1) * 0.125
        set lmargin at screen left; set rmargin at screen left + 0.11
        set title heat_title(sprintf("C̄ at t = %d", ts[k]))
        plot heat_source(sprintf("data%d.cosine.tsv", i - 1)) every ::(ts[k] * L * L)::((ts[k] + 1) * L * L - 1) using 3:2:(heat_value(4, 4)) with image
    }
}
unset multiplot
