import Foundation
import Pipeline
import Yams

/// A claim table's template (docs/claims/<paper>.yaml): one row per claim, each with the
/// paper's statement, what was measured as text with fact placeholders (`ClaimText`), and a
/// verdict chosen by rules over the facts (`ClaimCondition`), so that a retrain that changes
/// the numbers changes the verdict with them.
///
///     rows:
///       - claim: "Fig. 1b: ICL rises, then falls back to chance"
///         paper: "ICL peaks above 0.5"                      # optional column
///         measured: "peak {transience.main.icl.peak:.3f}"
///         verdict:
///           - when: "transience.main.icl.peak >= 0.55"
///             say: reproduces
///           - say: "**does not reproduce**"                  # the last rule has no `when`
struct ClaimTemplate {
    struct Rule {
        let condition: ClaimCondition?
        let verdict: ClaimText
        let line: Int
    }
    struct Row {
        let claim: ClaimText
        let paper: ClaimText?
        let measured: ClaimText
        let verdict: [Rule]
        let line: Int
    }

    let file: String
    let rows: [Row]

    /// Parses the template text; every error names `file` and the line.
    init(_ text: String, file: String) throws {
        self.file = file
        func fail(_ line: Int, _ message: String) -> PipelineError { PipelineError(message, file: file, line: line, category: .execution) }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw fail(mark.line, "malformed YAML: \(problem)")
            default: throw fail(1, "malformed YAML: \(error)")
            }
        }
        guard let root, case .mapping(let top) = root, let rowsNode = top["rows"], case .sequence(let items) = rowsNode, !items.isEmpty else {
            throw fail(root?.mark?.line ?? 1, "a claim template needs `rows:`, a list of claims")
        }
        if let extra = top.keys.compactMap(\.string).first(where: { $0 != "rows" }) {
            throw fail(root.mark?.line ?? 1, "unknown key \(extra); a claim template has only `rows:`")
        }
        rows = try items.map { item in
            let line = item.mark?.line ?? 1
            guard case .mapping(let fields) = item else { throw fail(line, "each row is a mapping with claim, measured and verdict") }
            let known = ["claim", "paper", "measured", "verdict"]
            if let extra = fields.keys.compactMap(\.string).first(where: { !known.contains($0) }) {
                throw fail(line, "unknown key \(extra) in a row; a row has \(known.joined(separator: ", "))")
            }
            func text(_ key: String, required: Bool = true) throws -> ClaimText? {
                guard let node = fields[key] else {
                    if required { throw fail(line, "the row has no \(key)") }
                    return nil
                }
                guard let string = node.string else { throw fail(node.mark?.line ?? line, "\(key) must be text") }
                return try ClaimText(string) { fail(node.mark?.line ?? line, "\(key): \($0)") }
            }
            guard let verdictNode = fields["verdict"] else { throw fail(line, "the row has no verdict") }
            return Row(claim: try text("claim")!, paper: try text("paper", required: false), measured: try text("measured")!,
                       verdict: try Self.rules(verdictNode, fail: fail), line: line)
        }
    }

    /// A verdict is either fixed text or a list of `when`/`say` rules ending with a bare `say`.
    private static func rules(_ node: Node, fail: (Int, String) -> PipelineError) throws -> [Rule] {
        let line = node.mark?.line ?? 1
        if let text = node.string {
            return [Rule(condition: nil, verdict: try ClaimText(text) { fail(line, "verdict: \($0)") }, line: line)]
        }
        guard case .sequence(let items) = node, !items.isEmpty else { throw fail(line, "verdict must be text or a list of when/say rules") }
        let rules = try items.map { item -> Rule in
            let line = item.mark?.line ?? line
            guard case .mapping(let fields) = item, let say = fields["say"]?.string,
                  fields.keys.allSatisfy({ ["when", "say"].contains($0.string ?? "") }) else {
                throw fail(line, "a verdict rule is a mapping with `say:` text and, except for the last, `when:` a condition")
            }
            let condition = try fields["when"].map { node -> ClaimCondition in
                guard let text = node.string else { throw fail(line, "when: must be a condition as text") }
                return try ClaimCondition(text) { fail(line, "when: \($0)") }
            }
            return Rule(condition: condition, verdict: try ClaimText(say) { fail(line, "say: \($0)") }, line: line)
        }
        guard rules.last!.condition == nil else { throw fail(rules.last!.line, "the last verdict rule must have no `when:`, so that every outcome has a verdict") }
        if let early = rules.dropLast().first(where: { $0.condition == nil }) {
            throw fail(early.line, "only the last verdict rule may have no `when:`; the rules after it could never apply")
        }
        return rules
    }

    /// The Markdown table over `facts`; `source` names what made it, for the header comment.
    func render(_ facts: Facts, source: String) throws -> String {
        let withPaper = rows.contains { $0.paper != nil }
        var lines = ["<!-- Generated by \(source) from \(file); edit the template, not this file. -->", ""]
        lines.append(withPaper ? "| claim | paper | measured | verdict |" : "| claim | measured | verdict |")
        lines.append(withPaper ? "|---|---|---|---|" : "|---|---|---|")
        for row in rows {
            func fail(_ message: String) -> PipelineError { PipelineError(message, file: file, line: row.line, category: .execution) }
            func cell(_ text: ClaimText?) throws -> String {
                guard let text else { return "" }
                return try text.render(facts, missing: fail).replacingOccurrences(of: "|", with: "\\|")
            }
            var verdict: ClaimText?
            for rule in row.verdict where verdict == nil {
                if try rule.condition?.holds(facts, fail: { PipelineError($0, file: file, line: rule.line, category: .execution) }) ?? true {
                    verdict = rule.verdict
                }
            }
            let cells = [try cell(row.claim)] + (withPaper ? [try cell(row.paper)] : []) + [try cell(row.measured), try cell(verdict)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
