// Transformer module: see ../../DESIGN notes in README.
