import ArgumentParser
import Coopetition
import Foundation
import Pipeline

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the numbers behind each paper's claims, read from the cached artifacts.",
        subcommands: [CoopSummaryCommand.self])
}

struct CoopSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coop",
        abstract: "Per seed of the coopetition model: whether mechanism 1 was transient, the iteration of its minimum, and the size of the mechanism-2 divot.")

    @Option(help: "The fan-out stage of coop.simulate runs to summarise.") var stage = "coop-mu1"
    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            let instances = try engine.plan(profile: profile.profile).instances.filter { $0.stage.name == stage }
            guard !instances.isEmpty else { throw ValidationError("pipeline.yaml has no stage \(stage)") }
            let artifacts = try instances.map { try engine.artifactURL($0.name, profile: profile.profile) }
            print("stage \(stage), profile \(profile.profile)")
            try CoopSummary.lines(artifacts: artifacts).forEach { print($0) }
        }
    }
}
