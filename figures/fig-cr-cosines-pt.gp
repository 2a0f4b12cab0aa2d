# Paper 002 Figs. 10 and 23: cosine similarity of each head's contribution to the last position's
# logits with the constructions' subject-head output f_subj (-1 on every attribute not of the
# subject) and relation-head output f_rel (+1 on every attribute of the type asked for),
# after pretraining, on PT sequences (relative key positions: Fig. 10; absolute: Fig. 23).
# Input `data`: a cr.relation-analyze artifact: data0.cosines.tsv (head pt_subject pt_relation
# ft_subject ft_relation) and data0.setting.tsv (absolute_positions type1_values).
load style
file(d) = sprintf("%s/data0.cosines.tsv", d)
stats sprintf("%s/data0.setting.tsv", datadir) using 1 nooutput
scheme = STATS_max > 0.5 ? "absolute" : "relative"
set multiplot title headline(sprintf("Paper 002: head outputs against the construction after pretraining, on PT sequences (%s key positions)", scheme))
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.8
set yrange [-1:1]
set grid ytics
# With olddir set, each head's old bar stands faint to the left of its new one.
array target[2] = ["f_{subj}", "f_{rel}"]
array series[2] = [2, 3]  # pt_subject, pt_relation
array colour[2] = ["#1f77b4", "#d62728"]
unset key
do for [panel = 1:2] {
    eval grid_cell(panel - 1, 1, 2, 0.08, 0.11, 0.97, 0.87, 0.06, 0)
    if (panel == 1) { set ylabel "mean cosine similarity" } else { unset ylabel }
    set title "with ".target[panel]
    plot for [d in versions] file(d) using (column(series[panel])):xtic(sprintf("head %d", int(column(1)))) lc rgb shade(d, colour[panel])
}
unset multiplot
