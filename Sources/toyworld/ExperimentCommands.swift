import ArgumentParser
import Foundation
import Pipeline

struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exp",
        abstract: "List or forget the experiments that `repro --set` recorded.",
        subcommands: [ExperimentListCommand.self, ExperimentRemoveCommand.self],
        defaultSubcommand: ExperimentListCommand.self)
}

struct ExperimentListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Each recorded experiment: its name, profile, --set assignments, the stages it changed and its figures.")

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            let records = try ExperimentRecord.all(in: engine.dataDirectory)
            if records.isEmpty { print("no experiments recorded (toyworld repro --set STAGE.PARAM=VALUE runs one)"); return }
            for record in records {
                print("\(record.name)  profile \(record.profile)  updated \(record.updated) at \(record.commit.prefix(12))")
                print("  set: \(record.assignments.joined(separator: " "))")
                print("  changed \(record.changed.count) stage\(record.changed.count == 1 ? "" : "s")"
                      + (record.changed.isEmpty ? "" : ": \(record.changed.joined(separator: ", "))"))
                let folder = Experiment.figuresFolder(record.name)
                if FileManager.default.fileExists(atPath: engine.root.appendingPathComponent(folder).path) { print("  figures: \(folder)/") }
            }
        }
    }
}

struct ExperimentRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Forget an experiment: delete its record and figures/exp/<name>/; `toyworld gc` then frees the cache entries only it used.")

    @Argument(help: "The experiment's name, as `toyworld exp list` shows it.")
    var name: String

    func run() throws {
        try reportingErrors {
            try makeEngine().removeExperiment(name)
            print("removed experiment \(name)")
        }
    }
}
