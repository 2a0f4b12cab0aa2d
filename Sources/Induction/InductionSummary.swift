import Artifacts
import Foundation
import Pipeline

/// The numbers behind thesis ch. 4's claims that `toyworld summary induction` prints, read from
/// `induction.evaluate` artifacts: the full run (with its path ablations, Fig. 4.4), the
/// single-head runs, the clamp runs (with the progress measures of Fig. 4.8) and, when given,
/// the Fig. 4.9 runs in worlds with more classes or more labels.
public enum InductionSummary {
    /// The Fig. 4.9 evaluations: the base world's, then those with more classes and more labels.
    public struct Scale {
        public var base: URL
        public var moreClasses: [URL]
        public var moreLabels: [URL]
        public init(base: URL, moreClasses: [URL], moreLabels: [URL]) {
            self.base = base; self.moreClasses = moreClasses; self.moreLabels = moreLabels
        }
    }

    /// Induction strength a head must reach to count as formed.
    static let formedAt = 0.05
    /// Thesis Table C.1: accuracy of each L2 head kept alone (head 3 is not listed there).
    static let tableC1: [Int: Double] = [0: 0.4032, 1: 0.7651, 2: 0.7512, 4: 0.4285, 5: 0.6465, 6: 0.2916, 7: 0.5885]

    public static func report(main: URL, seeds: URL, single: URL, clamp: URL, scale: Scale? = nil) throws -> SummaryReport {
        var r = SummaryReport()
        let file = try ArtifactFile.open(main)
        defer { file.close() }
        let loss = try NamedTable(file, "train_loss"), curves = try NamedTable(file, "curves"), heads = try NamedTable(file, "heads")
        let final = try NamedTable(file, "final").rows[0]
        let seen = loss.column("sequences"), values = loss.column("loss")
        let band = seen.indices.filter { abs(values[$0] - log(2.0)) <= 0.1 * log(2.0) }
        r.line("full model (\(main.lastPathComponent)):")
        if let first = band.first, let last = band.last {
            let inBand = band.map { values[$0] }.sorted()
            r.line(String(format: "  plateau: training loss within 10%% of log 2 from %.0f to %.0f sequences (median %.3f; log 2 = %.3f)",
                          seen[first], seen[last], inBand[inBand.count / 2], log(2.0)))
            r.fact("main.plateau.from", seen[first]); r.fact("main.plateau.to", seen[last]); r.fact("main.plateau.median_loss", inBand[inBand.count / 2])
        } else {
            r.line("  plateau: the binned training loss is never within 10% of log 2")
            r.fact("main.plateau", .null)
        }
        r.line(String(format: "  learning time (training loss below 0.4 log 2): %@", time(final[7])))
        r.fact("main.learning_time", learningTime(final[7]))
        r.line(String(format: "  final accuracy: train (%@, %d sequences) %.4f, test (exemplars) %.4f, test (relabel) %.4f; thesis: 99.99%% and generalises to both",
                      try file.requiredString("train_accuracy_all_is"), try file.requiredInt("training_sequences"), final[3], final[4], final[5]))
        r.fact("main.final.train", final[3]); r.fact("main.final.exemplars", final[4]); r.fact("main.final.relabel", final[5])
        let checkpoints = curves.column("sequences")
        let formed: [(head: Int, at: Double)] = heads.column("head").map { h in
            let strength = curves.column("strength_h\(Int(h))")
            return (Int(h), strength.firstIndex { $0 >= formedAt }.map { checkpoints[$0] } ?? .infinity)
        }
        r.line("  L2 head  strength  formed at (>= \(formedAt))  accuracy alone (Table C.1)  accuracy without")
        for (i, row) in heads.rows.enumerated() {
            let h = Int(row[0]), paper = tableC1[h].map { String(format: "%.2f%%", 100 * $0) } ?? "  -   "
            r.line(String(format: "  %7d  %8.3f  %20@  %14.2f%% (%@)  %15.2f%%", h, row[1], formed[i].at.isFinite ? String(format: "%.0f", formed[i].at) : "never",
                          100 * row[3], paper, 100 * row[2]))
            let key = "main.heads.\(h)"
            r.fact(key + ".strength", row[1]); r.fact(key + ".formed_at", formed[i].at)
            r.fact(key + ".accuracy_alone", row[3]); r.fact(key + ".accuracy_alone_thesis", tableC1[h].map(JSONValue.double) ?? .null)
            r.fact(key + ".accuracy_without", row[2])
        }
        let order = formed.sorted { ($0.at, $0.head) < ($1.at, $1.head) }.map(\.head)
        r.line("  order of formation: " + order.map(String.init).joined(separator: ", ") + " (thesis: head 3 strongest and first)")
        r.fact("main.formation_order", .array(order.map(JSONValue.int)))
        let plateauFrom = band.first.map { seen[$0] }, plateauTo = band.last.map { seen[$0] }
        for (path, column) in [("l1_out", "l1_out_dloss"), ("l2_out", "l2_out_dloss")] {
            let values = curves.column(column)
            let onPlateau = meanOnPlateau(values, at: checkpoints, from: plateauFrom, to: plateauTo)
            r.line(String(format: "  removing the %@ path raises the loss by %.3f on the plateau (mean) and %.3f at the end",
                          path == "l1_out" ? "layer-1 -> output" : "layer-2 -> output", onPlateau, values.last ?? .nan))
            r.fact("main.paths.\(path).plateau", onPlateau); r.fact("main.paths.\(path).end", values.last ?? .nan)
        }
        try learningTimes(seeds, key: { "seeds.\(Int($0[2]))" }, label: { "seed \(Int($0[2]))" },
                          title: "the full model with other seeds (initialisation and data; main run: seed 0):", into: &r)
        try learningTimes(single, key: { "single_head.\(Int($0[0]))" }, label: { "only head \(Int($0[0]))" },
                          title: "single-head runs (thesis: every head learns alone, head 3 fastest):", into: &r)
        try learningTimes(clamp, key: { "clamps.\(CircuitClamp.allCases[Int($0[1])].rawValue)" }, label: { CircuitClamp.allCases[Int($0[1])].rawValue },
                          title: "clamp runs, only L2 head 3 (thesis: clamps speed learning; match and steps 1, 2, 3v, 5 smooth):", into: &r)
        try progressMeasures(clamp, plateauFrom: plateauFrom, to: plateauTo, into: &r)
        if let scale {
            let worlds = [("base", scale.base)] + scale.moreClasses.enumerated().map { ("classes.\($0.offset + 1)", $0.element) }
                + scale.moreLabels.enumerated().map { ("labels.\($0.offset + 1)", $0.element) }
            for (name, url) in worlds {
                try learningTimes(url, key: { "scale.\(name).\(CircuitClamp.allCases[Int($0[1])].rawValue)" },
                                  label: { CircuitClamp.allCases[Int($0[1])].rawValue },
                                  title: "Fig. 4.9 world \(name), only L2 head 3:", into: &r)
            }
        }
        return r
    }

    /// Fig. 4.8's progress measures on the unclamped head-3 run (the clamp evaluation's first
    /// run): its loss with the previous-token pattern perfected (the composite circuit's
    /// measure) and with the induction pattern perfected (the copy circuit's), on the full
    /// run's plateau and at the end.
    static func progressMeasures(_ url: URL, plateauFrom: Double?, to: Double?, into r: inout SummaryReport) throws {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let curves = try NamedTable(file, "curves_0"), seen = curves.column("sequences")
        r.line("progress measures on the unclamped head-3 run (Fig. 4.8):")
        for (measure, column) in [("composite", "perfect_pt_loss"), ("copy", "perfect_ih_loss"), ("unclamped", "train_loss")] {
            let values = curves.column(column), onPlateau = meanOnPlateau(values, at: seen, from: plateauFrom, to: to)
            r.line("  " + measure.padding(toLength: 10, withPad: " ", startingAt: 0)
                   + String(format: " loss %.3f on the full run's plateau (mean), %.3f at the end", onPlateau, values.last ?? .nan))
            r.fact("progress.\(measure).plateau", onPlateau); r.fact("progress.\(measure).end", values.last ?? .nan)
        }
    }

    /// The mean of `values` over the checkpoints (`sequences`) from `from` to `to`: the full
    /// run's plateau; every checkpoint when there is none.
    static func meanOnPlateau(_ values: [Double], at sequences: [Double], from: Double?, to: Double?) -> Double {
        let plateau = sequences.indices.filter { sequences[$0] >= (from ?? 0) && sequences[$0] <= (to ?? .infinity) }
        return plateau.map { values[$0] }.reduce(0, +) / Double(max(plateau.count, 1))
    }

    static func time(_ sequences: Double) -> String { sequences < 0 ? "not reached" : String(format: "%.0f sequences", sequences) }
    /// A learning time as a fact: null when the run never got there (recorded as -1).
    static func learningTime(_ sequences: Double) -> JSONValue { sequences < 0 ? .null : .double(sequences) }

    static func learningTimes(_ url: URL, key: ([Double]) -> String, label: ([Double]) -> String, title: String,
                              into r: inout SummaryReport) throws {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        r.line(title)
        for row in try NamedTable(file, "final").rows {
            r.line("  " + label(row).padding(toLength: 14, withPad: " ", startingAt: 0)
                   + String(format: " learning time %@, plateau loss %.3f, final accuracy train %.4f (unclamped), exemplars %.4f, relabel %.4f",
                            time(row[7]), row[6], row[3], row[4], row[5]))
            let k = key(row)
            r.fact(k + ".learning_time", learningTime(row[7])); r.fact(k + ".plateau_loss", row[6])
            r.fact(k + ".final.train", row[3]); r.fact(k + ".final.exemplars", row[4]); r.fact(k + ".final.relabel", row[5])
        }
    }
}
