import ArgumentParser
import Pipeline

struct DagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dag",
        abstract: "Print the stage graph of pipeline.yaml (fan-out expanded) as text, Graphviz dot or Mermaid; with TARGETs, only what they need.")

    @Argument(help: "Stages whose ancestors to show (default: the whole graph).")
    var targets: [String] = []

    @Option(help: ArgumentHelp("Also show the targets of a group of pipeline.yaml. Repeatable.", valueName: "NAME"))
    var group: [String] = []

    @Flag(name: .customLong("groups"), help: "List the groups of pipeline.yaml and their targets instead.")
    var listGroups = false

    @Flag(help: "Print Graphviz dot instead of text (pipe into `dot -Tpng`).")
    var dot = false

    @Flag(help: "Print a Mermaid flowchart instead of text.")
    var mermaid = false

    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            guard !(dot && mermaid) else { throw ValidationError("choose one of --dot and --mermaid") }
            let plan = try makeEngine().plan(profile: profile.profile)
            if listGroups {
                for (name, targets) in plan.spec.groups.sorted(by: { $0.key < $1.key }) { print("\(name): \(targets.joined(separator: " "))") }
                if plan.spec.groups.isEmpty { print("no groups in pipeline.yaml") }
                return
            }
            let chosen = try targets + group.flatMap { try plan.spec.targets(ofGroup: $0, profile: plan.profile) }
            let instances = try plan.selection(chosen, downstream: false)
            let text = dot ? DagRendering.dot(instances) : mermaid ? DagRendering.mermaid(instances) : DagRendering.text(instances)
            print(text, terminator: "")
        }
    }
}
