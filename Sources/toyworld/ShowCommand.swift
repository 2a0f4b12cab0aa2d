import ArgumentParser
import Artifacts
import Foundation
import Pipeline

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Summarize an artifact: datasets, shapes, dtypes, attributes and provenance.",
        discussion: "ARTIFACT is an .h5 file, or STAGE[@output] for that stage's cached output as pipeline.lock records it.")

    @Argument(help: "An .h5 file, or STAGE[@output].")
    var artifact: String

    @Option(help: "Also print the first N values of every dataset (flattened).")
    var values = 0

    @OptionGroup var profile: ProfileOption
    @OptionGroup var experiment: ExperimentOption

    func run() throws {
        try reportingErrors {
            let url = try artifactFile(artifact, profile: profile.profile, experiment: try experiment.experiment())
            guard values >= 0 else { throw ValidationError("--values must not be negative") }
            let summary = try ArtifactSummary.describe(url, values: values)
            print(summary, terminator: summary.hasSuffix("\n") ? "" : "\n")
        }
    }
}
