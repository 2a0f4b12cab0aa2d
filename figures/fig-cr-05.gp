# Paper 002 Fig. 5: ICL accuracy on held-out query subjects (best over finetuning iterations)
# vs the number of finetuning subjects; left finetuned on ICL, right on ICL+Grm.
# Input `data`: one or more cr.evaluate artifacts of cr.finetune runs (a sweep over subjects,
# modes and seeds, in any order): data<i>.best.tsv, one row per run with columns
# ft_subjects mode seed exact type subject attribute (mode 1 = icl, 2 = icl-grm).
# Points are single runs; lines join the mean over seeds.
load style
runs = sprintf("< cat %s/data*.best.tsv", datadir)
array metric[4] = ["Exact", "Attribute type", "Subject", "Attribute"]
array colour[4] = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f"]
array heading[2] = ["Finetuned on ICL", "Finetuned on ICL+Grm"]
set multiplot layout 1, 2 title headline("Paper 002 Fig. 5: ICL accuracy on held-out subjects vs finetuning subjects")
set logscale x 2
set xlabel "Finetuning subjects"
set ylabel "Best held-out ICL accuracy"
set yrange [-0.02:1.02]
set key bottom right
do for [mode = 1:2] {
    set title heading[mode]
    plot for [m = 1:4] runs using 1:($2 == mode ? column(m + 3) : NaN) smooth unique with lines lw 1.5 lc rgb colour[m] title metric[m], \
         for [m = 1:4] runs using 1:($2 == mode ? column(m + 3) : NaN) with points pt 7 ps 0.6 lc rgb colour[m] notitle
}
unset multiplot
