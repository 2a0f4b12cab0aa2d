# Paper 003 Fig. 17: the coopetition toy model over the seeds of list input `data` (mu_1 = 0: mechanism 1 wins and stays while d -> 0):
# data<i>.loss.tsv (iteration total mech1 mech2 competition) and data<i>.summary.tsv
# (seed mu1 mu2 alpha transient min_iteration min_mech1 divot divot_iteration divot_mech2).
# Mechanism 1 is drawn as L1 + mu1; no competition term, as in the paper.
n = words(system(sprintf("ls %s/data*.loss.tsv 2>/dev/null", datadir)))
# Every stats call comes before any range or log setting, which stats would otherwise apply.
array seed[n]
array mu1[n]
do for [i = 0:n - 1] {
    summary = sprintf("%s/data%d.summary.tsv", datadir, i)
    stats summary using 1 nooutput; seed[i + 1] = int(STATS_min)
    stats summary using 2 nooutput; mu1[i + 1] = STATS_min
}
columns = (n < 4 ? n : 4)
rows = (n + columns - 1) / columns
set multiplot layout rows, columns title sprintf("Toy model, %d seeds (profile %s)", n, profile)
set logscale y
set format y "10^{%L}"
set yrange [1e-5:10]
set xlabel "Steps (thousands)"
set xtics 4
set key top right font ",7"
do for [i = 0:n - 1] {
    loss = sprintf("%s/data%d.loss.tsv", datadir, i)
    set title sprintf("seed %d", seed[i + 1])
    plot loss using ($1 / 1000):2 with lines lw 1.5 lc rgb "black" title (i == 0 ? "Total" : ""), \
         loss using ($1 / 1000):($3 + mu1[i + 1]) with lines lw 1.5 lc rgb "#1f77b4" title (i == 0 ? "Mech. 1 (+mu_1)" : ""), \
         loss using ($1 / 1000):4 with lines lw 1.5 lc rgb "#2ca02c" title (i == 0 ? "Mech. 2" : "")
}
unset multiplot
