# Paper 002 Fig. 7: the effect of the number of pretraining subjects M and the diversity Div
# (S = 20 at CPU scale; the paper's is 80). Left: PT exact match at the end of pretraining, and
# (dotted, open squares) the highest any model can reach in the cell's world: the type told from
# the grammar by the Bayes-optimal guess. Right: the best held-out ICL exact match over the
# finetuning checkpoints, finetuned on ICL (solid) and on ICL+Grm (dashed; the paper's
# finetuning), each on half the subjects. One colour per Div level. The default profile runs
# the corners and the middle of the grid (docs/paper-002.md). Input `data`: a cr.grid artifact:
# data0.cells.tsv (subjects grammar_length div pt_exact icl_exact icl_type grm_exact grm_type
# pt_ceiling).
load style
level(d, k) = sprintf("< awk '!/^#/ && $3 > %g && $3 < %g' %s/data0.cells.tsv | sort -n -k1", div_level[k] - 0.05, div_level[k] + 0.05, d)
stats sprintf("%s/data0.cells.tsv", datadir) using 2 nooutput
set multiplot title headline(sprintf("Paper 002 Fig. 7: pretraining subjects M and diversity Div (S = %d)", int(STATS_max)))
set xlabel "M (pretraining subjects)"
set logscale x 2
set autoscale x
# Ticks at the grid's own values, from the data.
set xtics ()
set offsets graph 0.08, graph 0.08, 0, 0
set yrange [-0.02:1.02]
unset key
eval grid_cell(0, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.07, 0)
set ylabel "accuracy"
set title "PT exact match after pretraining"
plot for [d in versions] for [k = 1:3] level(d, k) using 1:4:xtic(sprintf("%d", column(1))) with linespoints pt 7 ps 1.2 lw thin(d, 2) lc rgb shade(d, div_colour[k]), \
     for [d in versions] for [k = 1:3] level(d, k) using 1:9 with linespoints pt 4 ps 1.2 lw thin(d, 2) dt 3 lc rgb shade(d, div_colour[k])
eval grid_cell(1, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.07, 0)
unset ylabel
set title "held-out ICL exact match after finetuning"
plot for [d in versions] for [k = 1:3] level(d, k) using 1:5:xtic(sprintf("%d", column(1))) with linespoints pt 7 ps 1.2 lw thin(d, 2) lc rgb shade(d, div_colour[k]), \
     for [d in versions] for [k = 1:3] level(d, k) using 1:7 with linespoints pt 6 ps 1.2 lw thin(d, 2) dt 2 lc rgb shade(d, div_colour[k])
eval key_panel(0.82, 0.11, 0.99, 0.87)
plot for [k = 1:3] NaN with linespoints pt 7 ps 1.2 lw 2 lc rgb div_colour[k] title sprintf("Div %.1f", div_level[k]), \
     NaN with linespoints pt 7 ps 1.2 lw 2 lc rgb "black" title "FT on ICL", \
     NaN with linespoints pt 6 ps 1.2 lw 2 dt 2 lc rgb "black" title "FT on ICL+Grm", \
     NaN with linespoints pt 4 ps 1.2 lw 2 dt 3 lc rgb "black" title "PT ceiling"
unset multiplot
