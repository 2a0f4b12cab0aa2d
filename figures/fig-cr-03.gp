# Paper 002 Fig. 3: finetuning on ICL sequences (Finding 2): the four match metrics on ICL
# sequences whose query subject was finetuned on (left) or held out (right), vs FT iteration.
# Input `data`: one cr.evaluate artifact of a cr.finetune run, i.e. data0.icl_seen.tsv and
# data0.icl_heldout.tsv (columns: iteration exact type subject attribute, then per type).
load style
array sets[2] = ["icl_seen", "icl_heldout"]
array heading[2] = ["seen subjects", "held-out subjects"]
set multiplot title headline("Paper 002 Fig. 3: finetuning on ICL sequences, ICL accuracy")
set xlabel "FT iteration"
set yrange [-0.02:1.02]
unset key
do for [s = 1:2] {
    eval grid_cell(s - 1, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.05, 0)
    if (s == 1) { set ylabel "accuracy" } else { unset ylabel }
    set title heading[s]
    plot for [d in versions] for [m = 1:4] sprintf("%s/data0.%s.tsv", d, sets[s]) using 1:(column(m + 1)) with linespoints pt 7 ps 0.6 lw thin(d, 2) lc rgb shade(d, metric_colour[m])
}
eval key_panel(0.82, 0.11, 0.99, 0.87)
plot for [m = 1:4] NaN with linespoints pt 7 ps 0.6 lw 2 lc rgb metric_colour[m] title metric_name[m]
unset multiplot
