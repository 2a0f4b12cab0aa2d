import ArgumentParser
import Foundation
import Pipeline

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare pipeline.lock at two git revisions (parameters, output digests, and cached artifacts numerically), or two .h5 files.",
        discussion: "Exit status: 0 same, 1 different, 2 error. REV_B defaults to the working tree.")

    @Argument(help: "A git revision, or the first .h5 file.")
    var first: String

    @Argument(help: "A git revision (default: the working tree), or the second .h5 file.")
    var second: String?

    @Option(help: "Absolute tolerance for numerical comparison.")
    var atol: Double = 0

    @Option(help: "Relative tolerance for numerical comparison.")
    var rtol: Double = 0

    @OptionGroup var profile: ProfileOption

    func run() throws {
        var different = false
        try reportingErrors(failureCode: 2) {
            let engine = try makeEngine()
            let before = try PipelineLock.read(revision: first, root: engine.root)
            let after = try PipelineLock.read(revision: second, root: engine.root)
            let diff = LockDiff(before, after, profile: profile.profile)
            for change in diff.changes { print(LockDiff.describe(change)) }
            different = !diff.isEmpty
            if !different { print("no differences for profile \(profile.profile)") }
        }
        if different { throw ExitCode(1) }
    }
}
