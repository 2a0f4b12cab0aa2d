# Paper 002 Figs. 11 and 25: each head's attention over an ICL sequence after finetuning, for the §4 one-layer
# attention-only model (relative key positions: Fig. 11; absolute: Fig. 25).
# Input `data`: a cr.relation-analyze artifact: data0.ft_attention.tsv (head query key weight,
# head by head, query-major) and data0.setting.tsv (absolute_positions type1_values).
load style
file = sprintf("%s/data0.ft_attention.tsv", datadir)
stats sprintf("%s/data0.setting.tsv", datadir) using 1 nooutput
scheme = STATS_max > 0.5 ? "absolute" : "relative"
stats file using 1:2 nooutput
H = int(STATS_max_x) + 1
T = int(STATS_max_y) + 1
set multiplot title headline(heat_title(sprintf("Paper 002: attention over an ICL sequence after finetuning (%s key positions)", scheme)))
if (olddir eq "") { set palette defined (0 "white", 1 "#08306b"); set cbrange [0:1] } else { set palette defined (-1 "#b2182b", 0 "white", 1 "#2166ac"); set cbrange [-1:1] }
set xrange [-0.5:T - 0.5]
set yrange [T - 0.5:-0.5]
set size ratio 1
set xlabel "key position"
# Square cells, centred vertically (the page is about 14:9), one colour scale drawn once.
side = cell_w(H, 0.07, 0.86, 0.06) * 14.0 / 9.0
do for [h = 0:H - 1] {
    eval grid_cell(h, 1, H, 0.07, 0.47 - side / 2, 0.86, 0.47 + side / 2, 0.06, 0)
    if (h == 0) { set ylabel "query position" } else { unset ylabel }
    if (h == H - 1) { set colorbox user origin screen 0.89, screen 0.25 size screen 0.02, screen 0.5 } else { unset colorbox }
    set title sprintf("head %d", h)
    plot heat_source("data0.ft_attention.tsv") every ::(h * T * T)::((h + 1) * T * T - 1) using 3:2:(heat_value(4, 4)) with image notitle
}
unset multiplot
