# Paper 000 Fig. 5: distributions of the trace interleaver (App. B.2), from one lds.trace-stats
# artifact (list input `data`, one element):
#   data0.systems.tsv      k zipf_pmf max_pmf unique_pmf zipf_ccdf max_ccdf unique_ccdf
#   data0.cuts.tsv         cuts pmf ccdf
#   data0.appearances.tsv  times frequency
#   data0.candidates.tsv   candidates frequency   (0 = first appearance, no recall)
# Like the paper's figure, these count sampled cuts and draws before the special cases of
# footnote 6 are applied.
load style
systems = sprintf("%s/data0.systems.tsv", datadir)
cuts = sprintf("%s/data0.cuts.tsv", datadir)
appearances = sprintf("%s/data0.appearances.tsv", datadir)
candidates = sprintf("%s/data0.candidates.tsv", datadir)

set multiplot layout 3, 2 title headline("Paper 000 Fig. 5: trace interleaver statistics")
set grid
set key top right
set style fill solid 0.6 noborder
set boxwidth 0.8 relative
set format y "10^{%L}"

set title "(a) systems per trace: PMF"
set xlabel "number of systems"
set ylabel "probability"
set logscale y
set xrange [0:26]
plot systems using 1:2 with linespoints pt 7 ps 0.6 lc rgb "black" title "Zipf(1.5, 25): max systems N", \
     systems using 1:3 with points pt 6 ps 1.0 lc rgb "#1f77b4" title "sampled N", \
     systems using 1:4 with linespoints pt 5 ps 0.6 lc rgb "#a0a0a0" title "unique systems per trace"

set title "(b) cuts per trace: PMF"
set xlabel "number of cuts C, drawn from Poisson(2N)"
unset logscale y
set format y "%g"
set xrange [-0.5:60]
plot cuts using 1:2 with boxes lc rgb "#555555" title "sampled"

set title "(c) systems per trace: CCDF P(X >= k)"
set format y "10^{%L}"
set xlabel "number of systems"
set ylabel "P(X >= k)"
set logscale y
set xrange [0:26]
plot systems using 1:5 with linespoints pt 7 ps 0.6 lc rgb "black" title "Zipf(1.5, 25)", \
     systems using 1:7 with linespoints pt 5 ps 0.6 lc rgb "#a0a0a0" title "unique systems"

set title "(d) cuts per trace: CCDF P(C >= c)"
set xlabel "number of cuts"
set ylabel "P(C >= c)"
set xrange [0:80]
plot cuts using 1:3 with lines lw 2 lc rgb "#555555" title "sampled"

set title "(e) appearances of a segment's system in its trace"
set xlabel "times the system appears in the trace"
set ylabel "frequency per appearance"
set xrange [0:20]
plot appearances using 1:2 with boxes lc rgb "#1f77b4" notitle

set title "(f) previously seen systems to choose from when recalling"
set xlabel "candidate systems"
set xrange [0.5:25.5]
plot candidates using 1:($1 > 0 ? $2 : NaN) with boxes lc rgb "#8e44ad" notitle

unset multiplot
