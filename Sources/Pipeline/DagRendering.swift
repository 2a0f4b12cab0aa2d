/// `toyworld dag`: stage instances (a plan, or a target's ancestors) as an indented text
/// listing, Graphviz dot or a Mermaid flowchart.
public enum DagRendering {
    /// One line per instance in topological order, each input indented below it.
    public static func text(_ instances: [StageInstance]) -> String {
        var lines: [String] = []
        for instance in instances {
            lines.append("\(instance.name)  (\(instance.kind.name))")
            for (i, input) in instance.inputs.enumerated() {
                let branch = i == instance.inputs.count - 1 ? "└─" : "├─"
                lines.append("  \(branch) \(input.name) <- \(input.artifacts.map(\.description).joined(separator: ", "))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func dot(_ instances: [StageInstance]) -> String {
        var lines = ["digraph pipeline {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for instance in instances {
            lines.append("  \(quote(instance.name)) [label=\(quote(instance.name + "\\n" + instance.kind.name))];")
        }
        for instance in instances {
            for input in instance.inputs {
                for artifact in input.artifacts {
                    lines.append("  \(quote(artifact.instance)) -> \(quote(instance.name)) [label=\(quote(artifact.output + " → " + input.name))];")
                }
            }
        }
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    /// A Mermaid flowchart (GitHub renders it in Markdown).
    public static func mermaid(_ instances: [StageInstance]) -> String {
        var ids: [String: String] = [:]
        for (i, instance) in instances.enumerated() { ids[instance.name] = "s\(i)" }
        var lines = ["flowchart LR"]
        for instance in instances {
            lines.append("  \(ids[instance.name]!)[\"\(instance.name)<br/>\(instance.kind.name)\"]")
        }
        for instance in instances {
            for input in instance.inputs {
                for artifact in input.artifacts { lines.append("  \(ids[artifact.instance]!) --> \(ids[instance.name]!)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
