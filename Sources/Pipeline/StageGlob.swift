import Foundation

/// Shell-style wildcards (`*`, `?`, `[...]`) in a stage name, a target or a profile key.
enum StageGlob {
    static func isPattern(_ text: String) -> Bool { text.contains { "*?[".contains($0) } }
    static func matches(_ pattern: String, _ name: String) -> Bool { fnmatch(pattern, name, 0) == 0 }
}
