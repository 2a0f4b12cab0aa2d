import ArgumentParser
import Pipeline

struct ReproCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repro",
        abstract: "Run the stale stages of pipeline.yaml in topological order and update pipeline.lock.",
        discussion: """
        With no STAGE, the whole pipeline; otherwise the named stages (a fan-out stage name selects all its \
        instances, `coop[seed=3]` one of them) and everything upstream of them. A stage whose cache key \
        (kind, version, parameters, input digests) is already in data/cache is not rerun.
        """)

    @Argument(help: "Stages to bring up to date (default: all).")
    var stages: [String] = []

    @Flag(help: "Rerun the named stages (all with no STAGE) even when cached.")
    var force = false

    @Flag(help: "Also bring up to date every stage that consumes the named ones.")
    var downstream = false

    @Flag(name: .customLong("dry-run"), help: "Print what would run and why, without running anything.")
    var dryRun = false

    @Flag(name: .customLong("no-wait"), help: "Exit with code 3 instead of waiting when another repro is running.")
    var noWait = false

    @Option(help: "Worker threads per stage (default: TOYWORLD_THREADS, else the number of cores). Results do not depend on it.")
    var threads: Int?

    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            var options = ReproOptions()
            options.targets = stages
            options.force = force
            options.downstream = downstream
            options.dryRun = dryRun
            options.wait = !noWait
            options.profile = profile.profile
            let engine = try makeEngine()
            if let threads {
                guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
                engine.threads = threads
            }
            try engine.repro(options)
        }
    }
}
