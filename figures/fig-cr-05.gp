# Paper 002 Fig. 5: ICL accuracy on held-out query subjects (best over finetuning iterations)
# vs the number of finetuning subjects; left finetuned on ICL, right on ICL+Grm.
# Input `data`: a list of cr.evaluate artifacts of cr.finetune runs, any order, any number of
# seeds: data<i>.best.tsv, one row (ft_subjects mode exact type subject attribute) with mode
# 1 = icl, 2 = icl-grm. Points are single runs; lines join the mean over seeds.
n = words(system(sprintf("ls %s/data*.best.tsv 2>/dev/null", datadir)))
array metric[4] = ["Exact", "Attribute type", "Subject", "Attribute"]
array colour[4] = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f"]
# Gather every run's row into one block: the stats calls must precede any axis setting.
set print $runs
do for [i = 0:n - 1] {
    file = sprintf("%s/data%d.best.tsv", datadir, i)
    stats file using 1 nooutput; k = STATS_min
    stats file using 2 nooutput; mode = STATS_min
    stats file using 3 nooutput; e = STATS_min
    stats file using 4 nooutput; t = STATS_min
    stats file using 5 nooutput; s = STATS_min
    stats file using 6 nooutput; a = STATS_min
    print sprintf("%g %g %g %g %g %g", k, mode, e, t, s, a)
}
unset print
array heading[2] = ["Finetuned on ICL", "Finetuned on ICL+Grm"]
set multiplot layout 1, 2 title sprintf("ICL accuracy on held-out subjects vs finetuning subjects (profile %s)", profile)
set logscale x 2
set xlabel "Finetuning subjects"
set ylabel "Best held-out ICL accuracy"
set yrange [-0.02:1.02]
set key bottom right font ",8"
do for [mode = 1:2] {
    set title heading[mode]
    plot for [m = 1:4] $runs using 1:($2 == mode ? column(m + 2) : NaN) smooth unique with lines lw 1.5 lc rgb colour[m] title metric[m], \
         for [m = 1:4] $runs using 1:($2 == mode ? column(m + 2) : NaN) with points pt 7 ps 0.6 lc rgb colour[m] notitle
}
unset multiplot
