// Plots module: see ../../DESIGN notes in README.
