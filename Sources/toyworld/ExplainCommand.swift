import ArgumentParser
import Pipeline

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Trace a figure (or any stage's artifact) to its origin: cache key, commit, host and time, and the stages and parameters behind it down to the worlds.")

    @Argument(help: "The stage, e.g. fig-tr-01b or coop-mu1[seed=3].")
    var stage: String

    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            try makeEngine().explain(stage, profile: profile.profile).forEach { print($0) }
        }
    }
}
