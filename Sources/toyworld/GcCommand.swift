import ArgumentParser
import Foundation
import Pipeline

struct GcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove cache entries and work folders that nothing refers to (prints what it would free; deletes only with --yes).",
        discussion: """
        Kept: every entry that any profile of the working tree's pipeline.lock, HEAD's, or the last --revisions \
        committed versions of it refers to, every entry a recorded experiment refers to (toyworld exp remove \
        forgets one), and the work folders of unfinished stages of the current pipeline.yaml (they resume them). Refuses to run while a repro holds the lock.
        """)

    @Option(help: "Also keep what the last N committed versions of pipeline.lock refer to (for toyworld diff).")
    var revisions = 5

    @Flag(help: "Delete; without it, only print what would be freed.")
    var yes = false

    func run() throws {
        try reportingErrors {
            guard revisions >= 0 else { throw ValidationError("--revisions must not be negative") }
            let report = try makeEngine().collectGarbage(revisions: revisions, delete: yes)
            for item in report.entries { print("cache entry \(item.url.lastPathComponent)  \(megabytes(item.bytes))") }
            for item in report.workFolders { print("work folder \(item.url.lastPathComponent)  \(megabytes(item.bytes))") }
            let total = "\(report.entries.count) cache entries and \(report.workFolders.count) work folders, \(megabytes(report.bytes))"
            print(yes ? "freed \(total)" : "would free \(total) (run with --yes to delete)")
        }
    }

    private func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
}
