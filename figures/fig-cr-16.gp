# Paper 002 Fig. 16: the mean silhouette (cosine distance, clusters = attribute types) of the
# ICL+Grm-finetuned model's representations at each site against the number of
# demonstrations, on held-out ICL sequences; one panel per Div level (lower Div left).
# Inputs `data`: cr.represent artifacts, one per Div level: data<i>.clustering.tsv (t accuracy
# l1_attention l1_block l2_attention l2_block) and data<i>.setting.tsv (div).
load style
c(d, i) = sprintf("%s/data%d.clustering.tsv", d, i)
levels = int(system(sprintf("ls %s/data*.clustering.tsv | wc -l", datadir)))
array div[levels]
do for [i = 1:levels] { stats sprintf("%s/data%d.setting.tsv", datadir, i - 1) using 1 nooutput; div[i] = STATS_max }
array site[4] = ["layer-1 attention", "layer-1 block output", "layer-2 attention", "layer-2 block output"]
array colour[4] = ["#9ecae1", "#3182bd", "#fc9272", "#de2d26"]
set multiplot title headline("Paper 002 Fig. 16: clustering by attribute type at each site")
set xlabel "demonstrations t"
set yrange [-0.3:1]
unset key
do for [i = 1:levels] {
    eval grid_cell(i - 1, 1, levels, 0.08, 0.11, 0.77, 0.87, 0.05, 0)
    if (i == 1) { set ylabel "mean silhouette (cosine)" } else { unset ylabel }
    set title sprintf("Div %.2f", div[i])
    plot for [d in versions] for [k = 1:4] c(d, i - 1) using 1:(column(k + 2)) with linespoints pt 7 ps 0.8 lw thin(d, 2.5) lc rgb shade(d, colour[k])
}
eval key_panel(0.79, 0.11, 0.99, 0.87)
plot for [k = 1:4] NaN with linespoints pt 7 ps 0.8 lw 2.5 lc rgb colour[k] title site[k]
unset multiplot
