// Coopetition module: see ../../DESIGN notes in README.
