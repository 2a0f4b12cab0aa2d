import ArgumentParser
import Artifacts
import Foundation
import Pipeline

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare pipeline.lock at two git revisions (parameters, output digests, and cached artifacts numerically), or two .h5 files.",
        discussion: """
        REV_B defaults to the working tree. Outputs whose digests differ are compared dataset by dataset when \
        both files are in data/cache; they count as the same when every element is within --atol + --rtol*|b|. \
        Exit status: 0 same, 1 different, 2 error.
        """)

    @Argument(help: "A git revision (REV_A), or the first .h5 file.")
    var first: String

    @Argument(help: "A git revision (REV_B, default: the working tree), or the second .h5 file.")
    var second: String?

    @Option(help: "Absolute tolerance for numerical comparison.")
    var atol: Double = 0

    @Option(help: "Relative tolerance for numerical comparison.")
    var rtol: Double = 0

    @OptionGroup var profile: ProfileOption

    func run() throws {
        var different = false
        try reportingErrors(failureCode: 2) {
            if first.hasSuffix(".h5"), let second, second.hasSuffix(".h5") {
                different = try !compare(URL(fileURLWithPath: first), URL(fileURLWithPath: second))
            } else {
                different = try compareRevisions()
            }
        }
        if different { throw ExitCode(1) }
    }

    /// Prints the lock differences and the numerical reports; true when anything differs.
    private func compareRevisions() throws -> Bool {
        let engine = try makeEngine()
        _ = try engine.plan(profile: profile.profile)   // an unknown profile is an error, not "no differences"
        let before = try PipelineLock.read(revision: first, root: engine.root)
        let after = try PipelineLock.read(revision: second, root: engine.root)
        let diff = LockDiff(before, after, profile: profile.profile)
        var different = false
        for change in diff.changes {
            print(LockDiff.describe(change))
            guard case let .output(stage, output, _, _) = change,
                  let keyA = before.profiles[profile.profile]?[stage]?.key,
                  let keyB = after.profiles[profile.profile]?[stage]?.key else { different = true; continue }
            let a = engine.cache.outputURL(key: keyA, output: output), b = engine.cache.outputURL(key: keyB, output: output)
            guard FileManager.default.fileExists(atPath: a.path), FileManager.default.fileExists(atPath: b.path) else {
                print("  (not compared numerically: one of the artifacts is not in data/cache)")
                different = true
                continue
            }
            if try !compare(a, b) { different = true }
        }
        print(different ? "revisions differ for profile \(profile.profile)" : "no differences for profile \(profile.profile)")
        return different
    }

    /// Prints the dataset-by-dataset report; true when the files agree within tolerance.
    private func compare(_ a: URL, _ b: URL) throws -> Bool {
        let report = try ArtifactDiff.compare(a, b, rtol: rtol, atol: atol)
        print(report.render(), terminator: report.render().hasSuffix("\n") ? "" : "\n")
        return report.isSame
    }
}
