/// `toyworld dag`: the plan as an indented text listing or as Graphviz dot.
public enum DagRendering {
    /// One line per instance in topological order, each input indented below it.
    public static func text(_ plan: Plan) -> String {
        var lines: [String] = []
        for instance in plan.instances {
            lines.append("\(instance.name)  (\(instance.kind.name))")
            for (i, input) in instance.inputs.enumerated() {
                let branch = i == instance.inputs.count - 1 ? "└─" : "├─"
                lines.append("  \(branch) \(input.name) <- \(input.artifacts.map(\.description).joined(separator: ", "))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func dot(_ plan: Plan) -> String {
        var lines = ["digraph pipeline {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for instance in plan.instances {
            lines.append("  \(quote(instance.name)) [label=\(quote(instance.name + "\\n" + instance.kind.name))];")
        }
        for instance in plan.instances {
            for input in instance.inputs {
                for artifact in input.artifacts {
                    lines.append("  \(quote(artifact.instance)) -> \(quote(instance.name)) [label=\(quote(artifact.output + " → " + input.name))];")
                }
            }
        }
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    private static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
