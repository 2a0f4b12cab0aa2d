import Artifacts
import Foundation
import Pipeline

/// The numbers behind paper 000's claims (issue 4), read from the `lds.evaluate` artifacts of
/// runs R1-R5: what `toyworld summary lds` prints. Runs that are missing are skipped.
public enum LdsSummary {
    /// `evaluations` maps run labels "R1"..."R5" to their lds.evaluate artifacts.
    public static func report(evaluations: [String: URL]) throws -> SummaryReport {
        var files: [String: ArtifactFile] = [:]
        for (label, url) in evaluations { files[label] = try ArtifactFile.open(url) }
        defer { files.values.forEach { $0.close() } }
        func table(_ run: String, _ name: String) throws -> EvaluationTable? {
            guard let f = files[run] else { return nil }
            return try EvaluationTable(f, name: name)
        }
        func medians(_ t: EvaluationTable, row: Int, _ indices: ClosedRange<Int>) -> String {
            indices.map { String(format: "%6.3f", t.median(row: row, index: $0)) }.joined(separator: " ")
        }
        func baseline(_ t: EvaluationTable, _ indices: ClosedRange<Int>) -> String {
            indices.map { String(format: "%6.3f", t.baselineMedian(index: $0)) }.joined(separator: " ")
        }
        var r = SummaryReport()
        let early = 1...8
        /// One row's examples and medians at indices 1-8 as facts (`<key>.median_index_<i>`).
        func record(_ key: String, _ t: EvaluationTable, row: Int) {
            r.fact(key + ".examples", t.examples[row])
            for i in early { r.fact("\(key).median_index_\(i)", t.median(row: row, index: i)) }
        }
        let restart = try files["R2"].flatMap { f -> Int? in
            if case .int(let r)? = try f.attribute("restart_at"), r >= 0 { return Int(r) }
            return nil
        }

        if let train = try table("R1", "train") {
            r.line("R1 training traces: first checkpoint after which the median stays below the pseudoinverse")
            for index in 2...4 {
                let onset = firstLastingDrop(train, index: index)
                r.line(String(format: "  index %d: %@ (pseudoinverse median %.3f)", index,
                              onset.map { "\($0) examples" } ?? "never", train.baselineMedian(index: index)))
                r.fact("r1.train.onset_index_\(index)", onset.map(JSONValue.int) ?? .null)
                r.fact("r1.train.pseudoinverse_median_index_\(index)", train.baselineMedian(index: index))
            }
        }
        if let heldout = try table("R1", "heldout") {
            r.line("R1 held-out medians, indices 1-8 (pseudoinverse: \(baseline(heldout, early)))")
            for i in early { r.fact("r1.heldout.pseudoinverse_median_index_\(i)", heldout.baselineMedian(index: i)) }
            if let restart, let row = heldout.row(atExamples: restart) {
                r.line("  at the restart point \(restart):".padding(toLength: 34, withPad: " ", startingAt: 0) + medians(heldout, row: row, early))
                record("r1.heldout.at_restart", heldout, row: row)
            }
            let last = heldout.examples.count - 1
            r.line("  at the end, \(heldout.examples[last]):".padding(toLength: 34, withPad: " ", startingAt: 0) + medians(heldout, row: last, early))
            record("r1.heldout.end", heldout, row: last)
        }
        if let r2 = try table("R2", "train") {
            let r1 = try table("R1", "train")
            r.line("R2 (masked restart) training-trace medians, indices 1-8 (pseudoinverse: \(baseline(r2, early)))")
            for (row, moment) in [(0, "first"), (r2.examples.count - 1, "end")] {
                r.line("  R2 at \(r2.examples[row]):".padding(toLength: 34, withPad: " ", startingAt: 0) + medians(r2, row: row, early))
                record("r2.train.\(moment)", r2, row: row)
                if let r1, let same = r1.row(atExamples: r2.examples[row]) {
                    r.line("  R1 at \(r2.examples[row]):".padding(toLength: 34, withPad: " ", startingAt: 0) + medians(r1, row: same, early))
                    record("r1.train.at_r2_\(moment)", r1, row: same)
                }
            }
            if let h2 = try table("R2", "heldout") {
                r.line("  R2 held-out at \(h2.examples.last!):".padding(toLength: 34, withPad: " ", startingAt: 0)
                       + medians(h2, row: h2.examples.count - 1, early))
                record("r2.heldout.end", h2, row: h2.examples.count - 1)
            }
        }
        for run in ["R3", "R4"] {
            for name in ["train", "heldout"] {
                guard let t = try table(run, name) else { continue }
                let last = t.examples.count - 1
                r.line("\(run) \(name) medians at the end, \(t.examples[last]):".padding(toLength: 34, withPad: " ", startingAt: 0)
                       + medians(t, row: last, early))
                record("\(run.lowercased()).\(name).end", t, row: last)
                for i in early { r.fact("\(run.lowercased()).\(name).pseudoinverse_median_index_\(i)", t.baselineMedian(index: i)) }
                // Memorisation shows as an index whose median drops below the pseudoinverse's.
                let below = early.filter { i in t.examples.indices.contains { t.median(row: $0, index: i) < t.baselineMedian(index: i) } }
                r.line("  indices ever below the pseudoinverse: " + (below.isEmpty ? "none" : below.map(String.init).joined(separator: ", ")))
                r.fact("\(run.lowercased()).\(name).indices_ever_below_pseudoinverse", below.count)
            }
        }
        let recallTables = try files.keys.sorted().first.map { try files[$0]!.tableNames() }?
            .filter { $0.hasPrefix("recall_n") } ?? []
        for name in recallTables.sorted(by: { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }) {
            r.line("recall medians, \(name) (test index 1 at the query label, index 2), at each run's last checkpoint")
            for run in files.keys.sorted() {
                guard let t = try table(run, name) else { continue }
                let last = t.examples.count - 1
                r.line(String(format: "  %@ at %d: index 1 %.3f, index 2 %.3f", run, t.examples[last],
                              t.median(row: last, index: 1), t.median(row: last, index: 2)))
                let key = "\(run.lowercased()).\(name).end"
                r.fact(key + ".examples", t.examples[last])
                r.fact(key + ".median_index_1", t.median(row: last, index: 1)); r.fact(key + ".median_index_2", t.median(row: last, index: 2))
                // Runs that stop earlier are compared with R1 at their own last checkpoint.
                if run != "R1", let r1 = try table("R1", name), let same = r1.row(atExamples: t.examples[last]) {
                    let at = "r1.\(name).at_\(run.lowercased())_end"
                    r.fact(at + ".median_index_1", r1.median(row: same, index: 1)); r.fact(at + ".median_index_2", r1.median(row: same, index: 2))
                }
            }
        }
        return r
    }

    /// Examples of the first checkpoint from which the median stays below the pseudoinverse's
    /// median at every later checkpoint; nil if the last one is not below.
    static func firstLastingDrop(_ t: EvaluationTable, index: Int) -> Int? {
        var first: Int?
        for row in t.examples.indices.reversed() {
            guard t.median(row: row, index: index) < t.baselineMedian(index: index) else { break }
            first = t.examples[row]
        }
        return first
    }
}
