/// Whether `name` is a plain file name (not empty, no `/` or `\`, no leading dot), so that a
/// file of that name written inside a folder stays inside it.
func isPlainFileName(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\\")
}
