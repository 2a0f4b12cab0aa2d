# Paper 002 Fig. 16 (one Div level): the mean silhouette (cosine distance, clusters = attribute
# types) of the ICL+Grm-finetuned model's representations at each site against the number of
# demonstrations, on held-out ICL sequences.
# Input `data`: a cr.represent artifact: data0.clustering.tsv (t accuracy l1_attention l1_block
# l2_attention l2_block).
load style
c = sprintf("%s/data0.clustering.tsv", datadir)
array site[4] = ["Layer-1 attention", "Layer-1 block output", "Layer-2 attention", "Layer-2 block output"]
array colour[4] = ["#9ecae1", "#3182bd", "#fc9272", "#de2d26"]
set title headline("Paper 002 Fig. 16: clustering by attribute type at each site")
set xlabel "Demonstrations t"
set ylabel "Mean silhouette (cosine)"
set yrange [-0.3:1]
set key top left
plot for [k = 1:4] c using 1:(column(k + 2)) with linespoints pt 7 ps 0.6 lw 1.5 lc rgb colour[k] title site[k]
