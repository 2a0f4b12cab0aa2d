# Paper 002 Figs. 19 and 24: the App. C one-layer attention-only model (M_1 = 256) finetuned on
# ICL sequences: the four match metrics on ICL sequences whose query subject was finetuned on
# (left) or held out (right), vs finetuning iteration (relative key positions: Fig. 19;
# absolute: Fig. 24). Input `data`: a cr.relation-analyze artifact: data0.ft_seen.tsv and
# data0.ft_heldout.tsv (iteration exact type subject attribute) and data0.setting.tsv.
load style
array sets[2] = ["ft_seen", "ft_heldout"]
array heading[2] = ["seen subjects", "held-out subjects"]
stats sprintf("%s/data0.setting.tsv", datadir) using 1 nooutput
scheme = STATS_max > 0.5 ? "absolute" : "relative"
set multiplot title headline(sprintf("Paper 002 Fig. 19: finetuning the attention-only model on ICL sequences (%s key positions)", scheme))
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
