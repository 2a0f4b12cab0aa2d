# Paper 002 Fig. 2: the four match metrics during pretraining, on PT sequences (solid) and
# ICL sequences with held-out query subjects (dashed).
# Input `data`: one cr.evaluate artifact of a cr.pretrain run, i.e. data0.pt.tsv and
# data0.icl_heldout.tsv (columns: iteration exact type subject attribute, then per type).
load style
pt(d) = sprintf("%s/data0.pt.tsv", d)
icl(d) = sprintf("%s/data0.icl_heldout.tsv", d)
set title headline("Paper 002 Fig. 2: pretraining, PT (solid) vs ICL (dashed) accuracy")
set xlabel "PT iteration"
set ylabel "accuracy"
set yrange [-0.02:1.02]
set key outside right top
plot for [d in versions] for [m = 1:4] pt(d) using 1:(column(m + 1)) with linespoints pt 7 ps 0.6 lw thin(d, 2) lc rgb shade(d, metric_colour[m]) title label(d, metric_name[m]." (PT)"), \
     for [d in versions] for [m = 1:4] icl(d) using 1:(column(m + 1)) with linespoints pt 6 ps 0.6 lw thin(d, 2) dt 2 lc rgb shade(d, metric_colour[m]) title label(d, metric_name[m]." (ICL)")
