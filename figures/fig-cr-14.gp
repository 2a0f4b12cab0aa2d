# Paper 002 Fig. 14: pretraining on M = 256 (top) or M = 2048 subjects (bottom). Left: each
# head's mean cosine with the construction's f_subj and f_rel after pretraining, on PT sequences.
# Right: the four metrics on ICL sequences with held-out query subjects while finetuning on 32
# subjects (the run of the Fig. 13 sweep whose subjects hold the most distinct values).
# Inputs `data`: two cr.relation-sweep artifacts, data0 (M = 256) and data1 (M = 2048):
# data<i>.pt_cosines.tsv (head subject relation), data<i>.curve.tsv (iteration exact type
# subject attribute) and data<i>.setting.tsv (pt_subjects curve_subjects
# curve_unique_seen).
load style
array target[2] = ["f_{subj}", "f_{rel}"]
array colour[2] = ["#1f77b4", "#d62728"]
set multiplot title headline("Paper 002 Fig. 14: heads after pretraining, and held-out ICL accuracy while finetuning")
# Read before any range is set: stats honours the ranges.
array pt_subjects[2]
array ft_subjects[2]
array distinct[2]
do for [i = 0:1] {
    stats sprintf("%s/data%d.setting.tsv", datadir, i) using 1:2 nooutput
    pt_subjects[i + 1] = int(STATS_max_x); ft_subjects[i + 1] = int(STATS_max_y)
    stats sprintf("%s/data%d.setting.tsv", datadir, i) using 3 nooutput
    distinct[i + 1] = STATS_max
}
unset key
do for [i = 0:1] {
    subjects = pt_subjects[i + 1]
    eval grid_cell(2 * i, 2, 2, 0.08, 0.10, 0.80, 0.87, 0.08, 0.13)
    set style data histograms
    set style histogram clustered gap 1
    set style fill solid 0.8 border -1
    set boxwidth 0.8
    set yrange [-1:1]
    set grid ytics
    unset xlabel
    set ylabel "mean cosine"
    set title sprintf("M = %d: heads after pretraining", subjects)
    plot for [d in versions] for [c = 1:2] sprintf("%s/data%d.pt_cosines.tsv", d, i) using (column(c + 1)):xtic(sprintf("head %d", int(column(1)))) lc rgb shade(d, colour[c])
    eval grid_cell(2 * i + 1, 2, 2, 0.08, 0.10, 0.80, 0.87, 0.08, 0.13)
    set style data linespoints
    set yrange [-0.02:1.02]
    set xlabel (i == 1 ? "FT iteration" : "")
    set ylabel "held-out ICL accuracy"
    set title sprintf("M = %d: finetuning on %d subjects (%.1f values per type)", subjects, ft_subjects[i + 1], distinct[i + 1])
    plot for [d in versions] for [m = 1:4] sprintf("%s/data%d.curve.tsv", d, i) using 1:(column(m + 1)) pt 7 ps 0.6 lw thin(d, 2) lc rgb shade(d, metric_colour[m])
}
eval key_panel(0.82, 0.10, 0.99, 0.87)
plot for [c = 1:2] NaN with boxes fs solid 0.8 lc rgb colour[c] title "cosine with ".target[c], \
     for [m = 1:4] NaN with linespoints pt 7 ps 0.6 lw 2 lc rgb metric_colour[m] title metric_name[m]
unset multiplot
