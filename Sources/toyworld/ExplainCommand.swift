import ArgumentParser
import Foundation
import Pipeline
import Plots

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Trace a figure (or any stage's artifact) to its origin: cache key, commit, host and time, and the stages and parameters behind it down to the worlds.",
        discussion: "Given a rendered figure file (.png or .pdf, wherever it was copied to), reads the stage, profile and cache key it carries and explains that stage.")

    @Argument(help: "The stage, e.g. fig-tr-01b or coop-mu1[seed=3], or a figure file toyworld rendered.")
    var stage: String

    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            var stage = self.stage, profile = self.profile.profile
            if stage.hasSuffix(".png") || stage.hasSuffix(".pdf"), FileManager.default.fileExists(atPath: stage) {
                guard let origin = try FigureMetadata.origin(of: URL(fileURLWithPath: stage)) else {
                    throw ValidationError("\(stage) carries no toyworld origin (it was not rendered by a plot stage of this version)")
                }
                print("\(stage): made by stage \(origin.stage), profile \(origin.profile), cache key \(origin.key)")
                (stage, profile) = (origin.stage, origin.profile)
            }
            try makeEngine().explain(stage, profile: profile).forEach { print($0) }
        }
    }
}
