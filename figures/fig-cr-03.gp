# Paper 002 Fig. 3: finetuning on ICL sequences (Finding 2): the four match metrics on ICL
# sequences whose query subject was finetuned on (left) or held out (right), vs FT iteration.
# Input `data`: one cr.evaluate artifact of a cr.finetune run, i.e. data0.icl_seen.tsv and
# data0.icl_heldout.tsv (columns: iteration exact type subject attribute, then per type).
load style
array metric[4] = ["Exact", "Attribute type", "Subject", "Attribute"]
array colour[4] = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f"]
array sets[2] = ["icl_seen", "icl_heldout"]
array label[2] = ["seen subjects", "held-out subjects"]
set multiplot layout 1, 2 title headline("Paper 002 Fig. 3: finetuning on ICL sequences, ICL accuracy")
set xlabel "FT iteration"
set ylabel "Accuracy"
set yrange [-0.02:1.02]
set key top left
do for [s = 1:2] {
    file = sprintf("%s/data0.%s.tsv", datadir, sets[s])
    set title label[s]
    plot for [m = 1:4] file using 1:(column(m + 1)) with linespoints pt 7 ps 0.4 lw 1.5 lc rgb colour[m] title metric[m]
}
unset multiplot
