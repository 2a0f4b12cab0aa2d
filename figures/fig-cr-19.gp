# Paper 002 Figs. 19 and 24: the App. C one-layer attention-only model (M_1 = 256) finetuned on
# ICL sequences: the four match metrics on ICL sequences whose query subject was finetuned on
# (left) or held out (right), vs finetuning iteration (relative key positions: Fig. 19;
# absolute: Fig. 24). Input `data`: a cr.relation-analyze artifact: data0.ft_seen.tsv and
# data0.ft_heldout.tsv (iteration exact type subject attribute) and data0.setting.tsv.
load style
array metric[4] = ["Exact", "Attribute type", "Subject", "Attribute"]
array colour[4] = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f"]
array sets[2] = ["ft_seen", "ft_heldout"]
array label[2] = ["seen subjects", "held-out subjects"]
stats sprintf("%s/data0.setting.tsv", datadir) using 1 nooutput
scheme = STATS_max > 0.5 ? "absolute" : "relative"
set multiplot layout 1, 2 title headline(sprintf("Paper 002 Fig. 19: finetuning the attention-only model on ICL sequences (%s key positions)", scheme))
set xlabel "FT iteration"
set ylabel "Accuracy"
set yrange [-0.02:1.02]
set key bottom right
do for [s = 1:2] {
    file = sprintf("%s/data0.%s.tsv", datadir, sets[s])
    set title label[s]
    plot for [m = 1:4] file using 1:(column(m + 1)) with linespoints pt 7 ps 0.5 lw 1.5 lc rgb colour[m] title metric[m]
}
unset multiplot
