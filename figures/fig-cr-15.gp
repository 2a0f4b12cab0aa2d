# Paper 002 Fig. 15: the Fig. 4 run (finetuning on ICL+Grm) evaluated on ICL+Grm sequences
# with S_ft = 1 (left) and on ICL sequences (right); seen query subjects solid, held-out dashed.
# Input `data`: one cr.evaluate artifact of a cr.finetune run in mode icl-grm, i.e.
# data0.grm1_seen.tsv, data0.grm1_heldout.tsv, data0.icl_seen.tsv, data0.icl_heldout.tsv
# (columns: iteration exact type subject attribute, then per type).
load style
array metric[4] = ["Exact", "Attribute type", "Subject", "Attribute"]
array colour[4] = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f"]
array family[2] = ["grm1", "icl"]
array label[2] = ["ICL+Grm, S_{ft} = 1", "ICL"]
set multiplot layout 1, 2 title headline("Paper 002 Fig. 15: ICL+Grm finetuning, ICL+Grm improves before ICL")
set xlabel "FT iteration"
set ylabel "Accuracy"
set yrange [-0.02:1.02]
set key top left
do for [f = 1:2] {
    seen = sprintf("%s/data0.%s_seen.tsv", datadir, family[f])
    held = sprintf("%s/data0.%s_heldout.tsv", datadir, family[f])
    set title label[f]
    plot for [m = 1:4] seen using 1:(column(m + 1)) with lines lw 1.5 lc rgb colour[m] title metric[m]." (seen)", \
         for [m = 1:4] held using 1:(column(m + 1)) with lines lw 1.5 dt 2 lc rgb colour[m] title metric[m]." (held-out)"
}
unset multiplot
