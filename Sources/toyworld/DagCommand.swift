import ArgumentParser
import Pipeline

struct DagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dag",
        abstract: "Print the stage graph of pipeline.yaml (fan-out expanded) as text, Graphviz dot or Mermaid; with TARGETs, only what they need.")

    @Argument(help: "Stages whose ancestors to show (default: the whole graph).")
    var targets: [String] = []

    @Flag(help: "Print Graphviz dot instead of text (pipe into `dot -Tpng`).")
    var dot = false

    @Flag(help: "Print a Mermaid flowchart instead of text.")
    var mermaid = false

    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            guard !(dot && mermaid) else { throw ValidationError("choose one of --dot and --mermaid") }
            let instances = try makeEngine().plan(profile: profile.profile).selection(targets, downstream: false)
            let text = dot ? DagRendering.dot(instances) : mermaid ? DagRendering.mermaid(instances) : DagRendering.text(instances)
            print(text, terminator: "")
        }
    }
}
