# Paper 002 Fig. 15: the Fig. 4 run (finetuning on ICL+Grm) evaluated on ICL+Grm sequences
# with S_ft = 1 (left) and on ICL sequences (right); seen query subjects solid, held-out dashed.
# Input `data`: one cr.evaluate artifact of a cr.finetune run in mode icl-grm, i.e.
# data0.grm1_seen.tsv, data0.grm1_heldout.tsv, data0.icl_seen.tsv, data0.icl_heldout.tsv
# (columns: iteration exact type subject attribute, then per type).
load style
array family[2] = ["grm1", "icl"]
array heading[2] = ["ICL+Grm, S_{ft} = 1", "ICL"]
set multiplot title headline("Paper 002 Fig. 15: ICL+Grm finetuning, ICL+Grm improves before ICL")
set xlabel "FT iteration"
set yrange [-0.02:1.02]
unset key
do for [f = 1:2] {
    eval grid_cell(f - 1, 1, 2, 0.08, 0.11, 0.80, 0.87, 0.05, 0)
    if (f == 1) { set ylabel "accuracy" } else { unset ylabel }
    set title heading[f]
    plot for [d in versions] for [m = 1:4] sprintf("%s/data0.%s_seen.tsv", d, family[f]) using 1:(column(m + 1)) with lines lw thin(d, 2) lc rgb shade(d, metric_colour[m]), \
         for [d in versions] for [m = 1:4] sprintf("%s/data0.%s_heldout.tsv", d, family[f]) using 1:(column(m + 1)) with lines lw thin(d, 2) dt 2 lc rgb shade(d, metric_colour[m])
}
eval key_panel(0.82, 0.11, 0.99, 0.87)
plot for [m = 1:4] NaN with lines lw 2 lc rgb metric_colour[m] title metric_name[m], \
     NaN with lines lw 2 lc rgb "#000000" title "seen subjects", \
     NaN with lines lw 2 dt 2 lc rgb "#000000" title "held-out subjects"
unset multiplot
