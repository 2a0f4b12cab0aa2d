import ArgumentParser

struct Toyworld: ParsableCommand {
    static let version = "0.1.0"
    static let configuration = CommandConfiguration(
        abstract: "Rebuilds the figures of the toyworld papers through a cached stage pipeline (pipeline.yaml).",
        version: version,
        subcommands: [ReproCommand.self, RunStageCommand.self, ExperimentCommand.self, PushCommand.self, PullCommand.self, ExplainCommand.self, StatusCommand.self, VerifyCommand.self, GcCommand.self, ExportCommand.self, DagCommand.self, ShowCommand.self, DiffCommand.self, KindsCommand.self,
                      SummaryCommand.self, PinvCommand.self, BenchCommand.self]
    )
}
