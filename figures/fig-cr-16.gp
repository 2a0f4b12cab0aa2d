# Paper 002 Fig. 16 (one Div level): the mean silhouette (cosine distance, clusters = attribute
# types) of the ICL+Grm-finetuned model's representations at each site against the number of
# demonstrations, on held-out ICL sequences.
# Input `data`: a cr.represent artifact: data0.clustering.tsv (t accuracy l1_attention l1_block
# l2_attention l2_block).
load style
c(d) = sprintf("%s/data0.clustering.tsv", d)
array site[4] = ["layer-1 attention", "layer-1 block output", "layer-2 attention", "layer-2 block output"]
array colour[4] = ["#9ecae1", "#3182bd", "#fc9272", "#de2d26"]
set title headline("Paper 002 Fig. 16: clustering by attribute type at each site")
set xlabel "demonstrations t"
set ylabel "mean silhouette (cosine)"
set yrange [-0.3:1]
set key outside right top
plot for [d in versions] for [k = 1:4] c(d) using 1:(column(k + 2)) with linespoints pt 7 ps 0.8 lw thin(d, 2.5) lc rgb shade(d, colour[k]) title label(d, site[k])
