# Paper 002 Fig. 20: each head's W_OV = W_O^T W_V after pretraining (App. C model, relative key positions)
# on 37 tokens: 8 subjects, 8 values of each of the first two attribute types, 4 grammar tokens
# and the separator, 8 relation tokens; rows are the logit read, columns the token attended to.
# Input `data`: a cr.relation-analyze artifact: data0.ov_pt.tsv (head row column value).
load style
file = sprintf("%s/data0.ov_pt.tsv", datadir)
stats file using 1:2 nooutput
H = int(STATS_max_x) + 1
N = int(STATS_max_y) + 1
stats file using 4 nooutput
R = abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max)
set multiplot title headline(heat_title("Paper 002 Fig. 20: W_{OV} of each head after pretraining"))
set palette defined (-1 "#b2182b", 0 "white", 1 "#2166ac")
set cbrange [-R:R]
set format cb "%.1e"
set xrange [-0.5:N - 0.5]
set yrange [N - 0.5:-0.5]
set size ratio 1
# Token groups of the 37-token vocabulary (subjects, two attribute types, grammar, relations).
set xtics ("subj" 3.5, "t1" 11.5, "t2" 19.5, "grm" 26, "rel" 32.5) rotate by 45 right
set ytics ("subj" 3.5, "t1" 11.5, "t2" 19.5, "grm" 26, "rel" 32.5)
# Square cells, centred vertically (the page is about 14:9).
side = cell_w(H, 0.06, 0.86, 0.06) * 14.0 / 9.0
do for [h = 0:H - 1] {
    eval grid_cell(h, 1, H, 0.06, 0.47 - side / 2, 0.86, 0.47 + side / 2, 0.06, 0)
    # One colour scale for all heads, drawn once.
    if (h == H - 1) { set colorbox user origin screen 0.89, screen 0.25 size screen 0.02, screen 0.5 } else { unset colorbox }
    set title sprintf("head %d", h)
    plot heat_source("data0.ov_pt.tsv") every ::(h * N * N)::((h + 1) * N * N - 1) using 3:2:(heat_value(4, 4)) with image notitle
}
unset multiplot
