# Paper 002 Fig. 17: C̄^t(ℓ, ℓ'), the mean cosine between the layer-2 attention outputs of ICL
# sequences of types ℓ and ℓ', for every number of demonstrations t; one block of rows per Div
# level (lower Div on top).
# Inputs `data`: cr.represent artifacts, one per Div level: data<i>.cosine.tsv (t row column
# value) and data<i>.setting.tsv (div).
load style
levels = int(system(sprintf("ls %s/data*.cosine.tsv | wc -l", datadir)))
array div[levels]
do for [i = 1:levels] { stats sprintf("%s/data%d.setting.tsv", datadir, i - 1) using 1 nooutput; div[i] = STATS_max }
stats sprintf("%s/data0.cosine.tsv", datadir) using 1:2 nooutput
N = int(STATS_max_x)
L = int(STATS_max_y) + 1
columns = (N + 1 < 9 ? N + 1 : 9)
rows_per_level = int(ceil((N + 1) / real(columns)))
set multiplot layout levels * rows_per_level, columns title headline(heat_title("Paper 002 Fig. 17: C̄^t of the layer-2 attention output"))
set palette defined (-1 "#b2182b", 0 "white", 1 "#2166ac")
set cbrange [-1:1]
unset colorbox
set xrange [-0.5:L - 0.5]
set yrange [L - 0.5:-0.5]
set size square
unset xtics
unset ytics
do for [i = 1:levels] {
    do for [t = 0:N] {
        set title sprintf("Div %.1f, t = %d", div[i], t) font ",11"
        plot heat_source(sprintf("data%d.cosine.tsv", i - 1)) every ::(t * L * L)::((t + 1) * L * L - 1) using 3:2:(heat_value(4, 4)) with image notitle
    }
    do for [skip = N + 2:rows_per_level * columns] { set multiplot next }
}
unset multiplot
