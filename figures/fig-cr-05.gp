# Paper 002 Fig. 5: ICL accuracy on held-out query subjects (best over finetuning iterations)
# vs the number of finetuning subjects; left finetuned on ICL, right on ICL+Grm.
# Input `data`: one or more cr.evaluate artifacts of cr.finetune runs (a sweep over subjects,
# modes and seeds, in any order): data<i>.best.tsv, one row per run with columns
# ft_subjects mode seed exact type subject attribute (mode 1 = icl, 2 = icl-grm).
# Lines: the mean over seeds; markers: each seed (circles seed 1, triangles seed 2, ...).
load style
runs(d) = sprintf("< cat %s/data*.best.tsv", d)
# One row per (subjects, mode): the mean of each metric over the seeds, sorted by mode, then subjects.
# (Joined, not sprintf'd: gnuplot 5.4's sprintf garbles long formats holding %%.)
mean_over_seeds = "awk '!/^#/ { k = $1 \" \" $2; n[k]++; for (c = 4; c <= 7; c++) s[k, c] += $c } END { for (k in n) { printf \"%s\", k; for (c = 4; c <= 7; c++) printf \" %g\", s[k, c] / n[k]; print \"\" } }' "
means(d) = "< ".mean_over_seeds.d."/data*.best.tsv | sort -n -k2 -k1"
array metric[4] = ["exact", "attribute type", "subject", "attribute"]
array colour[4] = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f"]
array heading[2] = ["finetuned on ICL", "finetuned on ICL+Grm"]
seed_marker(s) = (s == 1 ? 7 : s == 2 ? 9 : 5)
set multiplot title headline("Paper 002 Fig. 5: ICL accuracy on held-out subjects vs finetuning subjects")
set logscale x 2
set xlabel "finetuning subjects"
set yrange [-0.02:1.02]
unset key
do for [mode = 1:2] {
    eval grid_cell(mode - 1, 1, 2, 0.08, 0.11, 0.78, 0.88, 0.06, 0)
    if (mode == 1) { set ylabel "best held-out ICL accuracy" } else { unset ylabel }
    set title heading[mode]
    plot for [d in versions] for [m = 1:4] means(d) using 1:($2 == mode ? column(m + 2) : NaN) with lines lw thin(d, 2) lc rgb shade(d, colour[m]), \
         for [d in versions] for [m = 1:4] runs(d) using 1:($2 == mode ? column(m + 3) : NaN):(seed_marker($3)) with points pt variable ps 1.2 lc rgb shade(d, colour[m])
}
eval key_panel(0.80, 0.11, 0.99, 0.88)
plot for [m = 1:4] NaN with lines lw 2 lc rgb colour[m] title metric[m], \
     NaN with lines lw 2 lc rgb "black" title "mean over seeds", \
     NaN with points pt 7 ps 1.2 lc rgb "black" title "seed 1", \
     NaN with points pt 9 ps 1.2 lc rgb "black" title "seed 2"
unset multiplot
