/// `toyworld kinds`: every registered stage kind with its parameters (and their ranges), its
/// rules between parameters, inputs and outputs.
public enum KindCatalog {
    public static func describe(_ registry: StageRegistry) -> String {
        var lines: [String] = []
        for name in registry.kinds.keys.sorted() {
            let kind = registry.kinds[name]!
            lines.append("\(kind.name) v\(kind.version): \(kind.summary)")
            for p in kind.parameters {
                let def = p.isActiveProfile ? "set to the active profile" : p.defaultValue.map { "default \($0.canonicalJSON)" } ?? "required"
                let choices = p.choices.map { ", one of \($0.joined(separator: "|"))" } ?? ""
                let each = p.type == .intList || p.type == .doubleList ? "each " : ""
                let range = p.range.map { ", \(each)in \($0)" } ?? ""
                lines.append("  param  \(p.name): \(p.type), \(def)\(choices)\(range) — \(p.help)")
            }
            for rule in kind.rules {
                lines.append("  rule   \(rule.description)")
            }
            for input in kind.inputs {
                let shape = (input.multiple ? "list" : "one") + (input.optional ? ", optional" : "")
                let requires = input.requirement.map { "; requires \($0.description)" } ?? ""
                lines.append("  input  \(input.name) (\(shape)) — \(input.help)\(requires)")
            }
            lines.append("  output \(kind.outputs.joined(separator: ", "))")
        }
        return lines.isEmpty ? "no stage kinds registered\n" : lines.joined(separator: "\n") + "\n"
    }
}
