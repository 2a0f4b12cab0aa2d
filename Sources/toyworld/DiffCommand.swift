import ArgumentParser
import Artifacts
import Foundation
import Pipeline
import Plots

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of the pipeline's results: two git revisions, an experiment (--set) and its profile, or two .h5 files.",
        discussion: """
        REV_B defaults to the working tree, meaning what the current pipeline.yaml plans (with the artifacts \
        the cache holds for it), not the working tree's pipeline.lock. Setting changes (stages, kind versions, \
        parameters) are printed first, then output digests, in the DAG's order. Outputs whose digests differ \
        are compared dataset by dataset when both files are in data/cache (figure tables column by column, \
        naming the rows); they count as the same when every element is within --atol + --rtol*|b|. Results are \
        bit-identical on machines of one kind; computed on another CPU they may differ in the last bits, \
        which --rtol 1e-5 accepts. Exit status: 0 same, 1 different, 2 error.
        """)

    @Argument(help: "A git revision (REV_A), or the first .h5 file; none with --set.")
    var first: String?

    @Argument(help: "A git revision (REV_B, default: the working tree), or the second .h5 file.")
    var second: String?

    @Option(help: "Absolute tolerance for numerical comparison.")
    var atol: Double = 0

    @Option(help: "Relative tolerance for numerical comparison.")
    var rtol: Double = 0

    @Flag(help: "Also redraw every figure whose entry differs with the old version's curves faint under the new ones, into figures/diff/<figure>.png.")
    var figures = false

    @OptionGroup var profile: ProfileOption
    @OptionGroup var experiment: ExperimentOption

    func run() throws {
        var different = false
        try reportingErrors(failureCode: 2) {
            guard atol >= 0, rtol >= 0 else { throw ValidationError("--atol and --rtol must not be negative") }
            if let experiment = try experiment.experiment() {
                guard first == nil else { throw ValidationError("with --set, diff compares the experiment with its profile: give no revision") }
                different = try compareExperiment(experiment)
            } else if let first, first.hasSuffix(".h5"), let second, second.hasSuffix(".h5") {
                different = try !compare(URL(fileURLWithPath: first), URL(fileURLWithPath: second))
            } else if let first {
                different = try compareRevisions(first)
            } else {
                throw ValidationError("give a revision (toyworld diff HEAD~1), two revisions, two .h5 files, or --set STAGE.PARAM=VALUE")
            }
        }
        if different { throw ExitCode(1) }
    }

    private func compareRevisions(_ first: String) throws -> Bool {
        let engine = try makeEngine()
        let plan = try engine.plan(profile: profile.profile)   // an unknown profile is an error, not "no differences"
        let before = try engine.lock(atRevision: first, profile: profile.profile)
        let after = try second.map { try engine.lock(atRevision: $0, profile: profile.profile) }
            ?? plannedSince(before, engine: engine)
        let diff = LockDiff(before, after, profile: profile.profile, order: plan.instances.map(\.name))
        let different = try report(diff, before: before, after: after, engine: engine)
        if figures { try overlayFigures(plan: plan, before: before, after: after, engine: engine) }
        print(different ? "revisions differ for profile \(profile.profile)" : "no differences for profile \(profile.profile)")
        return different
    }

    /// What the current pipeline.yaml plans, for the stages REV_A recorded or the cache holds:
    /// a stage computed on neither side has nothing to compare.
    private func plannedSince(_ before: PipelineLock, engine: Engine) throws -> PipelineLock {
        let recorded = before.profiles[profile.profile] ?? [:]
        let planned = try engine.plannedLock(profile: profile.profile).profiles[profile.profile] ?? [:]
        return PipelineLock(profiles: [profile.profile: planned.filter { recorded[$0.key] != nil || !$0.value.key.isEmpty }])
    }

    /// The experiment against the profile it overrides: the lock's entries (what the profile
    /// last produced) against what the experiment plans, with the artifacts its runs cached.
    private func compareExperiment(_ experiment: Experiment) throws -> Bool {
        let engine = try makeEngine(experiment)
        let plan = try engine.plan(profile: profile.profile)
        let changed = Set(plan.instances.filter(\.changedByCommandLine).map(\.name))
        guard !changed.isEmpty else {
            print("experiment \(experiment.name): its --set values are those of profile \(profile.profile); nothing differs")
            return false
        }
        let base = try PipelineLock.read(engine.lockURL)
        let planned = try engine.plannedLock(profile: profile.profile)
        let only = { (lock: PipelineLock) in
            PipelineLock(profiles: [profile.profile: (lock.profiles[profile.profile] ?? [:]).filter { changed.contains($0.key) }])
        }
        let diff = LockDiff(only(base), only(planned), profile: profile.profile, order: plan.instances.map(\.name))
        let different = try report(diff, before: base, after: planned, engine: engine)
        if figures { try overlayFigures(plan: plan, before: base, after: planned, engine: engine, only: changed) }
        print("experiment \(experiment.name) against profile \(profile.profile): \(changed.count) stages changed" + (different ? "" : ", no differences in their results"))
        return different
    }

    /// Prints the setting changes, then each output change with its numerical comparison; true
    /// when anything differs.
    private func report(_ diff: LockDiff, before: PipelineLock, after: PipelineLock, engine: Engine) throws -> Bool {
        for change in diff.settingChanges { print(LockDiff.describe(change)) }
        var different = !diff.settingChanges.isEmpty
        for change in diff.outputChanges {
            print(LockDiff.describe(change))
            guard case let .output(stage, output, _, _) = change,
                  let keyA = before.profiles[profile.profile]?[stage]?.key,
                  let keyB = after.profiles[profile.profile]?[stage]?.key, !keyB.isEmpty else { different = true; continue }
            let a = engine.cache.outputURL(key: keyA, output: output), b = engine.cache.outputURL(key: keyB, output: output)
            guard FileManager.default.fileExists(atPath: a.path), FileManager.default.fileExists(atPath: b.path) else {
                print("  (not compared numerically: one of the artifacts is not in data/cache; toyworld pull \(stage) may fetch it)")
                different = true
                continue
            }
            if try !compare(a, b) { different = true }
        }
        return different
    }

    /// Redraws each plot stage whose entry differs between the two locks (of `only`, when
    /// given), old faint under new, into figures/diff/; names the stage to pull or run where an
    /// artifact is not in the cache.
    private func overlayFigures(plan: Plan, before: PipelineLock, after: PipelineLock, engine: Engine, only: Set<String>? = nil) throws {
        let folder = engine.root.appendingPathComponent("figures/diff", isDirectory: true)
        for instance in plan.instances where instance.kind == PlotStage.self && only?.contains(instance.name) != false {
            guard let keyA = before.profiles[profile.profile]?[instance.name]?.key, let keyB = after.profiles[profile.profile]?[instance.name]?.key,
                  keyA != keyB else { continue }
            let old = engine.cache.outputURL(key: keyA, output: "figure"), new = engine.cache.outputURL(key: keyB, output: "figure")
            let missing = [(old, "the old version"), (new, "the new version")].filter { !FileManager.default.fileExists(atPath: $0.0.path) }
            guard missing.isEmpty else {
                print("figure \(instance.name): not redrawn, \(missing.map(\.1).joined(separator: " and ")) of its tables is not in data/cache "
                      + "(toyworld pull \(instance.name), or toyworld repro \(instance.name) at that version)")
                continue
            }
            let output = folder.appendingPathComponent(try FigureOverlay.figureName(of: new))
            try FigureOverlay.render(old: old, new: new, profile: profile.profile, output: output)
            print("figure \(instance.name): the two versions overlaid in figures/diff/\(output.lastPathComponent)")
        }
    }

    /// Prints the dataset-by-dataset report; true when the files agree within tolerance.
    private func compare(_ a: URL, _ b: URL) throws -> Bool {
        let report = try ArtifactDiff.compare(a, b, rtol: rtol, atol: atol)
        print(report.render(), terminator: report.render().hasSuffix("\n") ? "" : "\n")
        return report.isSame
    }
}
