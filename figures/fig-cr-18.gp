# Paper 002 Fig. 18 (one Div level): steering by target attribute type: the mean rank of the
# original and the target answer against β, for finetuned (solid) and held-out (dashed) query
# subjects.
# Input `data`: a cr.represent artifact: data0.steering.tsv (beta target_type heldout
# original_rank target_rank), ordered held-out flag, then target type, then β.
load style
s = sprintf("%s/data0.steering.tsv", datadir)
stats s using 2 nooutput
L = int(STATS_max) + 1
B = int(STATS_records / (2 * L))
set multiplot layout int(ceil(L / 4.0)), (L < 4 ? L : 4) title headline("Paper 002 Fig. 18: steering towards each attribute type")
set xlabel "β"
set ylabel "Mean rank"
set logscale y
set key top right
do for [k = 0:L - 1] {
    set title sprintf("Target type %d", k)
    seen = k * B
    held = (L + k) * B
    plot s every ::seen::(seen + B - 1) using 1:4 with lines lw 1.5 lc rgb "#1f77b4" title "original, seen", \
         s every ::seen::(seen + B - 1) using 1:5 with lines lw 1.5 lc rgb "#d62728" title "target, seen", \
         s every ::held::(held + B - 1) using 1:4 with lines lw 1.5 dt 2 lc rgb "#1f77b4" title "original, held-out", \
         s every ::held::(held + B - 1) using 1:5 with lines lw 1.5 dt 2 lc rgb "#d62728" title "target, held-out"
}
unset multiplot
