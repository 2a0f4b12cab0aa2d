# The look every figure shares; each script loads it first (`load style`). toyworld defines
# `datadir` (this version's tables), `profile`, `style` (this file) and, for
# `toyworld diff --figures`, `olddir` (the other version's tables, or "").

# Text: the terminal's font (Sans 16 in PNG, 11 in PDF) for everything; keys a little smaller.
set key font ",13" spacing 1.1 samplen 2.5
set border lw 1.2
set grid lc rgb "#d9d9d9" lw 1 dt 1
set style line 100 lc rgb "#d9d9d9"
set tics nomirror
set border 3

# Titles name the profile only when it is not the default one.
headline(text) = (profile eq "default") ? text : sprintf("%s [profile %s]", text, profile)

# One colour per run, kept across every figure of a paper.
#   paper 000: R1 normal, R2 masked restart, R3 masked from scratch, R4 unmasked from scratch,
#              R5 unmasked restart;
#   paper 003: the main run, matched exemplars, 1 layer, sinusoidal, RoPE, seeds 1 and 2.
array run_colour[5] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
array run_name[5] = ["R1 normal", "R2 masked restart", "R3 masked, scratch", "R4 unmasked, scratch", "R5 unmasked restart"]
# Where colour already means something else (one colour per index), runs differ by dash and marker.
array run_dash[5] = [1, 2, 4, 5, 3]
array run_marker[5] = [2, 4, 6, 8, 12]
c_main = "#000000"; c_matched = "#9467bd"; c_one_layer = "#e377c2"
c_sinusoidal = "#17becf"; c_rope = "#bcbd22"; c_seed1 = "#ff7f0e"; c_seed2 = "#8c564b"
# Eight sequence indices (paper 000), eight heads, and the evaluators (paper 003), the same everywhere.
array index_colour[8] = ["#6a1b9a", "#1f4fd1", "#0097a7", "#2e7d32", "#9e9d24", "#ef6c00", "#c62828", "#6d4c41"]
array head_colour[8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
# The four metrics of paper 002, the same everywhere.
array metric_name[4] = ["exact", "attribute type", "subject", "attribute"]
array metric_colour[4] = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f"]
c_train = "#000000"; c_icl = "#1f77b4"; c_ciwl = "#2ca02c"; c_flip = "#d62728"; c_iwl = "#7f7f7f"
# Paper 002's grammar diversity levels (Figs. 6, 7): Div 0.1, 0.3, 0.5.
array div_level[3] = [0.1, 0.3, 0.5]
array div_colour[3] = ["#8c564b", "#bcbd22", "#17becf"]

# Overlay of two versions: `for [d in versions]` draws the old tables first, faint and thin,
# then the new ones; only the new version's curves enter the key. (Dashes are left to the
# runs: an old curve keeps its run's dash.)
if (!exists("olddir")) { olddir = "" }
versions = (olddir eq "") ? datadir : olddir." ".datadir
is_old(d) = (d ne datadir)
shade(d, c) = is_old(d) ? "#99".c[2:7] : c
thin(d, w) = is_old(d) ? 0.6 * w : w
label(d, t) = is_old(d) ? "" : t

# A panel that holds only the key, at screen coordinates (left, bottom, right, top), for
# multiplots whose panels must keep equal widths: the next `plot` draws NaN entries with titles.
key_panel(l, b, r, t) = sprintf("set lmargin at screen %g; set rmargin at screen %g; set bmargin at screen %g; set tmargin at screen %g; unset border; unset tics; unset xlabel; unset ylabel; unset title; unset grid; unset logscale; set xrange [0:1]; set yrange [0:1]; set key inside left top Left reverse maxrows 30", l, r, b, t)

# The margins of panel i (from 0, row by row) of a rows x cols grid filling the screen box
# (l, b, r, t) with gaps gx, gy between panels: `eval grid_cell(...)` before its plot. Panels
# placed this way keep equal sizes whatever their tick labels or keys.
cell_w(cols, l, r, gx) = (r - l - (cols - 1) * gx) / cols
cell_h(rows, b, t, gy) = (t - b - (rows - 1) * gy) / rows
grid_cell(i, rows, cols, l, b, r, t, gx, gy) = sprintf("set lmargin at screen %g; set rmargin at screen %g; set tmargin at screen %g; set bmargin at screen %g", \
    l + (i % cols) * (cell_w(cols, l, r, gx) + gx), l + (i % cols) * (cell_w(cols, l, r, gx) + gx) + cell_w(cols, l, r, gx), \
    t - int(i / cols) * (cell_h(rows, b, t, gy) + gy), t - int(i / cols) * (cell_h(rows, b, t, gy) + gy) - cell_h(rows, b, t, gy))

# Heat maps cannot be drawn faint under each other: with olddir set, they show new − old
# (rows of the two versions pasted side by side; `n` columns per table).
heat_source(file) = (olddir eq "") ? datadir."/".file : "< paste ".olddir."/".file." ".datadir."/".file
heat_value(c, n) = (olddir eq "") ? column(c) : column(c + n) - column(c)
heat_title(t) = (olddir eq "") ? t : t." (new − old)"
if (olddir ne "") { set label 99 "faint: the other version" at screen 0.99, screen 0.015 right font ",12" tc rgb "#808080" }
