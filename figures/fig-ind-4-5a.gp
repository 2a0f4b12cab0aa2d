# Thesis Fig. 4.5a: train accuracy vs induction strength at the end of training, for each
# layer-2 head ablated alone (triangles) and kept alone (circles).
# Input `data`: the induction.evaluate artifact of the full run: data0.heads.tsv
# (head strength accuracy_without accuracy_alone).
load style
set title headline("Thesis Fig. 4.5a: accuracy vs induction strength, per layer-2 head")
set xlabel "induction strength"
set ylabel "train accuracy"
set key outside right top
set yrange [0:1.05]
f(d) = sprintf("%s/data0.heads.tsv", d)
plot for [d in versions] for [h = 0:7] f(d) every ::h::h using 2:3 with points pt 8 ps 2.2 lw 2 lc rgb shade(d, head_colour[h + 1]) notitle, \
     for [d in versions] for [h = 0:7] f(d) every ::h::h using 2:4 with points pt 7 ps 2.2 lc rgb shade(d, head_colour[h + 1]) title label(d, sprintf("head %d", h)), \
     NaN with points pt 7 ps 2.2 lc rgb "#000000" title "the head alone", \
     NaN with points pt 8 ps 2.2 lw 2 lc rgb "#000000" title "the head ablated"
