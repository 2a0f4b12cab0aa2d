# Paper 002 Fig. 13: ICL accuracy on held-out query subjects after finetuning on 32 or 64
# subjects, against the distinct attribute values per type those subjects hold (chosen greedily,
# docs/paper-002.md), for pretraining on M = 256 (left) and M = 2048 subjects (right).
# Inputs `data`: two cr.relation-sweep artifacts, data0 (M = 256) and data1 (M = 2048):
# data<i>.heldout.tsv (ft_subjects unique_seen exact type subject attribute) and
# data<i>.setting.tsv (pt_subjects curve_subjects curve_unique_seen).
load style
# One curve for the fewest finetuning subjects in the tables and one for the most (32 and 64).
stats sprintf("%s/data0.heldout.tsv", datadir) using 1 nooutput
array subjects[2] = [int(STATS_min), int(STATS_max)]
curves = subjects[1] == subjects[2] ? 1 : 2
array colour[2] = ["#1f77b4", "#ff7f0e"]
array marker[2] = [7, 9]
array pt_subjects[2]
do for [i = 0:1] { stats sprintf("%s/data%d.setting.tsv", datadir, i) using 1 nooutput; pt_subjects[i + 1] = int(STATS_max) }
set multiplot title headline("Paper 002 Fig. 13: held-out ICL accuracy vs distinct attribute values seen in finetuning")
set xlabel "distinct values per attribute type in FT"
set xrange [0:*]
set yrange [-0.02:1.02]
unset key
do for [i = 0:1] {
    eval grid_cell(i, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.05, 0)
    if (i == 0) { set ylabel "held-out ICL exact match" } else { unset ylabel }
    set title sprintf("pretrained on %d subjects", pt_subjects[i + 1])
    plot for [d in versions] for [k = 1:curves] sprintf("%s/data%d.heldout.tsv", d, i) using 2:($1 == subjects[k] ? $3 : NaN) \
         with linespoints pt marker[k] ps 1.2 lw thin(d, 2) lc rgb shade(d, colour[k])
}
eval key_panel(0.82, 0.11, 0.99, 0.87)
plot for [k = 1:curves] NaN with linespoints pt marker[k] ps 1.2 lw 2 lc rgb colour[k] title sprintf("%d FT subjects", subjects[k])
unset multiplot
