# Paper 003 Fig. 5a: the coopetition toy model, one seed.
# Input `data` (one coop.simulate artifact): data0.loss.tsv (iteration total mech1 mech2 competition)
# and data0.summary.tsv (one row: seed mu1 mu2 alpha transient min_iteration min_mech1 divot
# divot_iteration divot_mech2). Mechanism 1 is drawn as L1 + mu1, as in the paper's code; the
# orange disc marks the peak of the mechanism-2 divot (paper: "highlighted in orange").
load style
loss = sprintf("%s/data0.loss.tsv", datadir)
summary = sprintf("%s/data0.summary.tsv", datadir)
# Every stats call comes before any range or log setting, which stats would otherwise apply.
stats summary using 1 nooutput; seed = int(STATS_min)
stats summary using 2 nooutput; mu1 = STATS_min
stats summary using 8 nooutput; divot = STATS_min
stats summary using 9 nooutput; divot_at = STATS_min
stats summary using 10 nooutput; divot_mech2 = STATS_min
stats loss using 1 nooutput; last = STATS_max

set title headline(sprintf("Paper 003 Fig. 5a: toy model dynamics (seed %d, μ_1 = %g)", seed, mu1))
set xlabel "steps"
set ylabel "loss"
set logscale y
set format y "10^{%L}"
set xrange [0:(last < 8000 ? last : 8000)]
set yrange [1e-4:10]
set key top right
if (divot > 0) {
    set object 1 circle at first divot_at, first divot_mech2 radius char 1.5 \
        fc rgb "orange" fs transparent solid 0.4 noborder front
}
loss_of(d) = sprintf("%s/data0.loss.tsv", d)
plot for [d in versions] loss_of(d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, "#000000") title label(d, "total loss"), \
     for [d in versions] loss_of(d) using 1:($3 + mu1) with lines lw thin(d, 2) lc rgb shade(d, "#1f77b4") title label(d, "mechanism 1 (L_1 + μ_1)"), \
     for [d in versions] loss_of(d) using 1:4 with lines lw thin(d, 2) lc rgb shade(d, "#2ca02c") title label(d, "mechanism 2")
