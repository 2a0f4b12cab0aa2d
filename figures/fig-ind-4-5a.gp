# Thesis Fig. 4.5a: train accuracy vs induction strength at the end of training, for each
# layer-2 head ablated alone (triangles) and kept alone (circles).
# Input `data`: the induction.evaluate artifact of the full run: data0.heads.tsv
# (head strength accuracy_without accuracy_alone).
load style
set title headline("Thesis Fig. 4.5a: accuracy vs induction strength, per layer-2 head")
set xlabel "Induction strength"
set ylabel "Train accuracy"
set key bottom right
set yrange [0:1.05]
array colour[8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
plot for [h = 0:7] sprintf("%s/data0.heads.tsv", datadir) every ::h::h using 2:3 with points pt 9 ps 2 lc rgb colour[h + 1] title sprintf("Head %d ablated", h), \
     for [h = 0:7] sprintf("%s/data0.heads.tsv", datadir) every ::h::h using 2:4 with points pt 7 ps 2 lc rgb colour[h + 1] title sprintf("Head %d alone", h)
