import ArgumentParser
import Foundation
import Pipeline

struct RunStageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-stage",
        abstract: "Run exactly one stage instance whose inputs are already in the cache and commit its cache entry.",
        discussion: """
        What `repro -j` and cluster jobs run for each stage. It takes no repro lock and leaves pipeline.lock and \
        figures/ alone; the next `toyworld repro` finds the entry cached and records it. An instance already in \
        the cache is not rerun unless --force.
        """)

    @Argument(help: "The stage instance, e.g. lds-r1 or coop-mu1[seed=3].")
    var instance: String

    @Flag(help: "Rerun even when the entry is cached.")
    var force = false

    @Option(help: "Worker threads (default: TOYWORLD_THREADS, else the number of cores). Results do not depend on it.")
    var threads: Int?

    @Option(name: .customLong("progress-interval"), help: "Seconds between progress lines when stderr is not a terminal.")
    var progressInterval = 30

    @OptionGroup var profile: ProfileOption
    @OptionGroup var experiment: ExperimentOption

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine(try experiment.experiment())
            guard progressInterval >= 1 else { throw ValidationError("--progress-interval must be at least 1, got \(progressInterval)") }
            if isatty(STDERR_FILENO) == 0 { engine.progress = PlainLogProgressRenderer(interval: Double(progressInterval)) }
            if let threads {
                guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
                engine.threads = threads
            }
            try engine.runStage(instance, profile: profile.profile, force: force)
        }
    }
}
