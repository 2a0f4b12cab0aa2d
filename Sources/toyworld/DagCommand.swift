import ArgumentParser
import Pipeline

struct DagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dag",
        abstract: "Print the stage graph of pipeline.yaml (fan-out expanded) as text or Graphviz dot.")

    @Flag(help: "Print Graphviz dot instead of text (pipe into `dot -Tpng`).")
    var dot = false

    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            let plan = try makeEngine().plan(profile: profile.profile)
            print(dot ? DagRendering.dot(plan) : DagRendering.text(plan), terminator: "")
        }
    }
}
