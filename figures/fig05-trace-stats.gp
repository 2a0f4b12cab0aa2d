# Paper 000 Fig. 5: distributions of the trace interleaver (App. B.2), from one lds.trace-stats
# artifact (list input `data`, one element):
#   data0.systems.tsv      k zipf_pmf max_pmf unique_pmf zipf_ccdf max_ccdf unique_ccdf
#   data0.cuts.tsv         cuts pmf ccdf
#   data0.appearances.tsv  times frequency
#   data0.candidates.tsv   candidates frequency   (0 = first appearance, no recall)
# Like the paper's figure, these count sampled cuts and draws before the special cases of
# footnote 6 are applied.
load style
systems(d) = sprintf("%s/data0.systems.tsv", d)
cuts(d) = sprintf("%s/data0.cuts.tsv", d)
appearances(d) = sprintf("%s/data0.appearances.tsv", d)
candidates(d) = sprintf("%s/data0.candidates.tsv", d)
# Bars of an old version are drawn as outlines under the new ones.
bars(d) = is_old(d) ? 0 : 0.6

set multiplot layout 3, 2 title headline("Paper 000 Fig. 5: trace interleaver statistics")
set key top right
set ytics 100
set boxwidth 0.8 relative
set format y "10^{%L}"

set title "(a) systems per trace: PMF"
set xlabel "number of systems"
set ylabel "probability"
set logscale y
set xrange [0:26]
set yrange [1e-6:1]
set key bottom left
plot for [d in versions] systems(d) using 1:2 with linespoints pt 7 ps 0.7 lw thin(d, 1.5) lc rgb shade(d, "#000000") title label(d, "Zipf(1.5, 25): max systems N"), \
     for [d in versions] systems(d) using 1:3 with points pt 6 ps 1.2 lc rgb shade(d, "#1f77b4") title label(d, "sampled N"), \
     for [d in versions] systems(d) using 1:4 with linespoints pt 5 ps 0.7 lw thin(d, 1.5) lc rgb shade(d, "#a0a0a0") title label(d, "unique systems per trace")

set title "(b) cuts per trace: PMF"
set xlabel "number of cuts C, drawn from Poisson(2N)"
unset logscale y
set format y "%g"
set autoscale y
set key top right
set ytics autofreq 0.05
set xrange [-0.5:60]
plot for [d in versions] cuts(d) using 1:2 with boxes lc rgb shade(d, "#555555") fs solid bars(d) border lc rgb shade(d, "#555555") title label(d, "sampled")

set title "(c) systems per trace: CCDF P(X ≥ k)"
set ytics 100
set format y "10^{%L}"
set xlabel "number of systems"
set ylabel "P(X ≥ k)"
set logscale y
set xrange [0:26]
set yrange [1e-6:1]
set key bottom left
plot for [d in versions] systems(d) using 1:5 with linespoints pt 7 ps 0.7 lw thin(d, 1.5) lc rgb shade(d, "#000000") title label(d, "Zipf(1.5, 25)"), \
     for [d in versions] systems(d) using 1:7 with linespoints pt 5 ps 0.7 lw thin(d, 1.5) lc rgb shade(d, "#a0a0a0") title label(d, "unique systems")

set title "(d) cuts per trace: CCDF P(C ≥ c)"
set autoscale y
set key top right
set xlabel "number of cuts"
set ylabel "P(C ≥ c)"
set xrange [0:80]
plot for [d in versions] cuts(d) using 1:3 with lines lw thin(d, 2) lc rgb shade(d, "#555555") title label(d, "sampled")

set autoscale y
set title "(e) appearances of a segment's system in its trace"
set xlabel "times the system appears in the trace"
set ylabel "frequency per appearance"
set xrange [0:20]
plot for [d in versions] appearances(d) using 1:2 with boxes lc rgb shade(d, "#1f77b4") fs solid bars(d) border lc rgb shade(d, "#1f77b4") notitle

set title "(f) previously seen systems to choose from when recalling"
set xlabel "candidate systems"
set xrange [0.5:25.5]
plot for [d in versions] candidates(d) using 1:($1 > 0 ? $2 : NaN) with boxes lc rgb shade(d, "#8e44ad") fs solid bars(d) border lc rgb shade(d, "#8e44ad") notitle

unset multiplot
