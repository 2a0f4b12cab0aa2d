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

    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            if let threads {
                guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
                engine.threads = threads
            }
            try engine.runStage(instance, profile: profile.profile, force: force)
        }
    }
}
