import Artifacts
import Foundation
import Pipeline

/// The numbers behind paper 002's Findings 1-3 and Fig. 5, read from `cr.evaluate` artifacts:
/// what `toyworld summary cr` prints. Evaluations that are not given are skipped.
public enum RecallSummary {
    public struct Evaluations: Sendable {
        public var pretrain: URL?
        public var finetuneICL: URL?
        public var finetuneGrammar: URL?
        /// Sweep evaluations (Fig. 5), each with the stage name to print.
        public var sweeps: [(stage: String, url: URL)]
        /// `cr.grid` artifacts of the S / Div / M sweeps (Figs. 6, 7), each with a label.
        public var grids: [(label: String, url: URL)]
        /// `cr.represent` artifacts (Figs. 8, 16-18), each with a label (`div_low`, `div_high`).
        public var representations: [(label: String, url: URL)]

        public init(pretrain: URL? = nil, finetuneICL: URL? = nil, finetuneGrammar: URL? = nil, sweeps: [(stage: String, url: URL)] = [],
                    grids: [(label: String, url: URL)] = [], representations: [(label: String, url: URL)] = []) {
            self.pretrain = pretrain
            self.finetuneICL = finetuneICL
            self.finetuneGrammar = finetuneGrammar
            self.sweeps = sweeps
            self.grids = grids
            self.representations = representations
        }
    }

    static let setLabels = [("pt", "PT"), ("icl_seen", "ICL seen"), ("icl_heldout", "ICL held-out"),
                            ("grm1_seen", "ICL+Grm(1) seen"), ("grm1_heldout", "ICL+Grm(1) held-out")]

    public static func report(_ evaluations: Evaluations) throws -> SummaryReport {
        var r = SummaryReport()
        if let url = evaluations.pretrain {
            r.line("Finding 1, pretraining: the facts are learned (PT) but not recalled in context (ICL)")
            try trajectory(url, "pretrain", into: &r)
        }
        if let url = evaluations.finetuneICL {
            r.line("Finding 2, finetuning on ICL sequences of the finetuning subjects: held-out subjects recalled in context?")
            try trajectory(url, "finetune_icl", into: &r)
        }
        if let url = evaluations.finetuneGrammar {
            r.line("Finding 3, finetuning on ICL+Grm sequences: ICL on held-out subjects, and ICL+Grm(S_ft = 1)")
            try trajectory(url, "finetune_grammar", into: &r)
        }
        for (stage, url) in evaluations.sweeps {
            r.line("Fig. 5, best ICL held-out value over the finetuning checkpoints (\(stage))")
            try best(url, "sweeps.\(stage)", into: &r)
        }
        for (label, url) in evaluations.grids { try grid(url, "grids.\(label)", into: &r) }
        for (label, url) in evaluations.representations { try representation(url, "representations.\(label)", into: &r) }
        return r
    }

    /// Finding 5 (Figs. 8, 16-18): held-out ICL accuracy and the layer-2 attention silhouette at
    /// no and at the most demonstrations, and the smallest β at which steering puts the target
    /// answer above the original one, averaged over target types (null where no β does).
    static func representation(_ url: URL, _ key: String, into r: inout SummaryReport) throws {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let clustering = try NamedTable(file, "clustering"), steering = try NamedTable(file, "steering")
        let div = try file.requiredDouble("div_row_mean")
        guard let first = clustering.rows.first, let last = clustering.rows.last,
              let site = clustering.columns.last(where: { $0.hasSuffix("_attention") }),
              let c = clustering.columns.firstIndex(of: site) else {
            throw RecallError.artifact(file: url.path, reason: "the clustering table has no rows or no attention site")
        }
        r.line(String(format: "Finding 5, representations at Div %.2f: held-out ICL exact %.3f at t = 0, %.3f at t = %d; %@ silhouette %.3f at t = 0, %.3f at t = %d",
                      div, first[1], last[1], Int(last[0]), site, first[c], last[c], Int(last[0])))
        r.fact("\(key).div", div)
        r.fact("\(key).accuracy.first", first[1]); r.fact("\(key).accuracy.last", last[1])
        r.fact("\(key).silhouette.first", first[c]); r.fact("\(key).silhouette.last", last[c]); r.fact("\(key).demonstrations", Int(last[0]))
        let beta = steering.column("beta"), type = steering.column("target_type"), held = steering.column("heldout")
        let original = steering.column("original_rank"), target = steering.column("target_rank")
        for (flag, name) in [(0.0, "seen"), (1.0, "heldout")] {
            var crossings: [Double] = [], types = 0
            for t in Set(type).sorted() {
                types += 1
                let rows = steering.rows.indices.filter { type[$0] == t && held[$0] == flag }.sorted { beta[$0] < beta[$1] }
                if let cross = rows.first(where: { target[$0] < original[$0] }) { crossings.append(beta[cross]) }
            }
            let mean: Double? = crossings.count == types && types > 0 ? crossings.reduce(0, +) / Double(types) : nil
            r.line("  steering, \(name) query subjects: " + (mean.map { String(format: "the target answer overtakes the original at β = %.2f (mean over target types)", $0) }
                                                             ?? "the target answer does not overtake the original for every target type"))
            r.fact("\(key).steer_beta.\(name)", mean.map(JSONValue.double) ?? .null)
        }
    }

    /// One line and one fact group per sweep cell. A cell's facts are named by where it sits in
    /// its grid, so that a template reads the same names on every profile: `s_low`, `s_mid`,
    /// `s_high` for S and `m_low`, `m_mid`, `m_high` for M where the grid varies them (further
    /// inner values `_mid2`, `_mid3`, … in ascending order), then the Div level `d1`, `d3`, `d5`
    /// (Div 0.1, 0.3, 0.5), e.g. `s_high_d5`.
    static func grid(_ url: URL, _ key: String, into r: inout SummaryReport) throws {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let cells = try NamedTable(file, "cells", requiring: GridStage.columns)
        func rank(_ column: String, _ prefix: String) -> (Double) -> String? {
            let values = Set(cells.column(column)).sorted()
            guard values.count > 1 else { return { _ in nil } }
            return { v in
                let i = values.firstIndex(of: v)!
                return prefix + (i == 0 ? "_low" : i == values.count - 1 ? "_high" : i == 1 ? "_mid" : "_mid\(i)")
            }
        }
        var names = Set<String>()
        let mRank = rank("subjects", "m"), sRank = rank("grammar_length", "s")
        r.line("Figs. 6, 7: S / Div / M sweep cells (\(key)); held-out ICL is the best over the finetuning checkpoints;")
        r.line("  the ceiling is the Bayes-optimal PT exact match: the type told from the S grammar tokens, every fact known")
        r.line("  M     S    Div    PT exact (ceiling)  ICL-FT exact  type    ICL+Grm-FT exact  type    plain ICL after ICL+Grm leaves 0")
        for row in cells.rows {
            let value = Dictionary(uniqueKeysWithValues: zip(cells.columns, row))
            let name = [mRank(value["subjects"]!), sRank(value["grammar_length"]!), "d\(Int((value["div"]! * 10).rounded()))"]
                .compactMap { $0 }.joined(separator: "_")
            guard names.insert(name).inserted else {
                throw RecallError.artifact(file: url.path, reason: "holds two cells named \(name) (the same M, S and Div level); a grid lists each world once")
            }
            let leaves = value["grm_exact"]! > 0
            r.line(String(format: "  %-5d %-4d %-6.3f %-5.3f (%.3f)     %-13.3f %-7.3f %-17.3f %-7.3f %@", Int(value["subjects"]!), Int(value["grammar_length"]!),
                          value["div"]!, value["pt_exact"]!, value["pt_ceiling"]!, value["icl_exact"]!, value["icl_type"]!, value["grm_exact"]!, value["grm_type"]!,
                          leaves ? "yes" : "no"))
            for column in cells.columns { r.fact("\(key).\(name).\(column)", value[column]!) }
            r.fact("\(key).\(name).grm_leaves_zero", leaves)
        }
    }

    /// Each set's four metrics at the first and last checkpoint, and the best held-out exact match.
    static func trajectory(_ url: URL, _ key: String, into r: inout SummaryReport) throws {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        r.line("  set                   metric     " + RecallMetrics.names.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
        var first = 0, last = 0
        for (name, label) in setLabels {
            let rows = try table(file, name, url: url)
            first = Int(rows.first![0]); last = Int(rows.last![0])
            for (row, when, moment) in [(rows.first!, "it \(first)", "first"), (rows.last!, "it \(last)", "last")] {
                r.line("  " + label.padding(toLength: 22, withPad: " ", startingAt: 0)
                       + when.padding(toLength: 11, withPad: " ", startingAt: 0)
                       + row[1...RecallMetrics.names.count].map { String(format: "%-10.3f", $0) }.joined())
                r.fact("\(key).\(name).\(moment).iteration", Int(row[0]))
                for (metric, value) in zip(RecallMetrics.names, row[1...]) { r.fact("\(key).\(name).\(moment).\(metric)", value) }
            }
        }
        let heldOut = try table(file, "icl_heldout", url: url)
        if let top = heldOut.max(by: { $0[1] < $1[1] }) {
            r.line(String(format: "  best ICL held-out exact match %.3f at iteration %d (checkpoints %d..%d)",
                          top[1], Int(top[0]), first, last))
            r.fact("\(key).best_icl_heldout.exact", top[1])
            r.fact("\(key).best_icl_heldout.iteration", Int(top[0]))
        }
    }

    static func best(_ url: URL, _ key: String, into r: inout SummaryReport) throws {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let rows = try table(file, "best", url: url)
        r.line("  mode      subjects  seed  " + RecallMetrics.names.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
        var runs: [JSONValue] = []
        for row in rows {
            let mode = EvaluateStage.modes[Int(row[1])]
            r.line("  " + mode.padding(toLength: 10, withPad: " ", startingAt: 0)
                   + String(format: "%8d  %4d  ", Int(row[0]), Int(row[2]))
                   + row[3...].map { String(format: "%-10.3f", $0) }.joined())
            var fields: [String: JSONValue] = ["mode": .string(mode), "subjects": .int(Int(row[0])), "seed": .int(Int(row[2]))]
            for (metric, value) in zip(RecallMetrics.names, row[3...]) { fields[metric] = .double(value) }
            runs.append(.object(fields))
        }
        r.fact(key, .array(runs))
    }

    static func table(_ file: ArtifactFile, _ name: String, url: URL) throws -> [[Double]] {
        guard try file.tableNames().contains(name) else {
            throw RecallError.artifact(file: url.path, reason: "no table \(name); is it a single-run cr.evaluate artifact?")
        }
        let rows = try file.tableRows(name)
        guard !rows.isEmpty else { throw RecallError.artifact(file: url.path, reason: "table \(name) is empty") }
        return rows
    }
}
