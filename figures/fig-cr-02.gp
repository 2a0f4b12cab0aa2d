# Paper 002 Fig. 2: the four match metrics during pretraining, on PT sequences (solid) and
# ICL sequences with held-out query subjects (dashed).
# Input `data`: one cr.evaluate artifact of a cr.pretrain run, i.e. data0.pt.tsv and
# data0.icl_heldout.tsv (columns: iteration exact type subject attribute, then per type).
load style
pt = sprintf("%s/data0.pt.tsv", datadir)
icl = sprintf("%s/data0.icl_heldout.tsv", datadir)
array metric[4] = ["Exact", "Attribute type", "Subject", "Attribute"]
array colour[4] = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f"]
set title headline("Paper 002 Fig. 2: pretraining, PT (solid) vs ICL (dashed) accuracy")
set xlabel "PT iteration"
set ylabel "Accuracy"
set yrange [-0.02:1.02]
set key outside right top
plot for [m = 1:4] pt using 1:(column(m + 1)) with linespoints pt 7 ps 0.4 lw 1.5 lc rgb colour[m] title metric[m]." (PT)", \
     for [m = 1:4] icl using 1:(column(m + 1)) with linespoints pt 6 ps 0.4 lw 1.5 dt 2 lc rgb colour[m] title metric[m]." (ICL)"
