// LinearSystems module: see ../../DESIGN notes in README.
