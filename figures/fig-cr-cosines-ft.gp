# Paper 002 Figs. 12 and 26: cosine similarity of each head's contribution to the last position's
# logits with the constructions' subject-head output f_subj (-1 on every attribute not of the
# subject) and relation-head output f_rel (+1 on every attribute of the type asked for),
# after finetuning, on ICL sequences (relative key positions: Fig. 12; absolute: Fig. 26).
# Input `data`: a cr.relation-analyze artifact: data0.cosines.tsv (head pt_subject pt_relation
# ft_subject ft_relation) and data0.setting.tsv (absolute_positions type1_values).
load style
file = sprintf("%s/data0.cosines.tsv", datadir)
stats sprintf("%s/data0.setting.tsv", datadir) using 1 nooutput
scheme = STATS_max > 0.5 ? "absolute" : "relative"
set multiplot layout 1, 2 title headline(sprintf("Paper 002: head outputs against the construction after finetuning, on ICL sequences (%s key positions)", scheme))
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.8
set yrange [-1:1]
set ylabel "Mean cosine similarity"
set grid ytics
set title "With f_{subj}"
plot file using 4:xtic(sprintf("Head %d", int(column(1)))) lc rgb "#1f77b4" notitle
set title "With f_{rel}"
plot file using 5:xtic(sprintf("Head %d", int(column(1)))) lc rgb "#d62728" notitle
unset multiplot
