import Artifacts
import Foundation
import Pipeline

/// The numbers behind paper 003's transformer claims that `toyworld summary transience`
/// prints, read from `transience.evaluate` and `transience.analyze` artifacts.
public enum TransienceSummary {
    public struct Artifacts {
        public var main, mainAnalysis, matched, oneLayer, positions, seeds: URL
        public init(main: URL, mainAnalysis: URL, matched: URL, oneLayer: URL, positions: URL, seeds: URL) {
            self.main = main; self.mainAnalysis = mainAnalysis; self.matched = matched
            self.oneLayer = oneLayer; self.positions = positions; self.seeds = seeds
        }
    }

    /// Spec E5's end-of-training numbers (CIWL in-context accuracy), by ablation column.
    static let paperAblations: [String: Double] = [
        "plain": 0.9874, "all_heads_ablated": 0.6246, "no_embedding_to_readout": 0.9672, "no_l1_to_readout": 0.985,
        "no_l1_to_l2_v": 0.593, "no_l1_to_l2_k": 0.575, "no_l1_to_l2_q": 0.954,
    ]

    /// The shape of one run's evaluator curves.
    struct Shape {
        let sequences, icl, flip, ciwl, iwl: [Double]
        init(_ table: NamedTable) {
            sequences = table.column("sequences"); icl = table.column("icl_accuracy"); flip = table.column("flip_accuracy")
            ciwl = table.column("ciwl_accuracy"); iwl = table.column("iwl_accuracy")
        }
        func peak(_ values: [Double]) -> (value: Double, at: Double) {
            let i = values.indices.max { values[$0] < values[$1] }!
            return (values[i], sequences[i])
        }
        /// The first checkpoint after Flip's peak where it is below 0.5.
        var flipCrossing: Double? {
            let top = flip.indices.max { flip[$0] < flip[$1] }!
            return flip.indices.first { $0 > top && flip[$0] < 0.5 }.map { sequences[$0] }
        }
        /// The stopping rule of the calibration (docs/paper-003.md).
        var signature: Bool {
            peak(icl).value >= 0.55 && icl.last! <= 0.52 && peak(flip).value >= 0.5 && flip.last! <= 0.2 && ciwl.last! >= 0.9
        }
        /// The curves' peaks and ends under `prefix` (`main.icl.peak`, ...).
        func record(_ prefix: String, into r: inout SummaryReport) {
            for (name, values) in [("icl", icl), ("flip", flip), ("ciwl", ciwl), ("iwl", iwl)] {
                r.fact("\(prefix).\(name).peak", peak(values).value)
                r.fact("\(prefix).\(name).peak_at", peak(values).at)
                r.fact("\(prefix).\(name).end", values.last!)
            }
            r.fact("\(prefix).sequences", sequences.last!)
        }
        var brief: String {
            String(format: "ICL peak %.3f at %.3g (end %.3f), Flip peak %.3f at %.3g (end %.3f), CIWL end %.3f",
                   peak(icl).value, peak(icl).at, icl.last!, peak(flip).value, peak(flip).at, flip.last!, ciwl.last!)
        }
    }

    static func shapes(_ url: URL) throws -> [Shape] {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        return try file.tableNames().filter { $0 == "curves" || $0.hasPrefix("curves_") }
            .sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }
            .map { Shape(try NamedTable(file, $0)) }
    }

    public static func report(_ a: Artifacts) throws -> SummaryReport {
        var r = SummaryReport()
        let main = try shapes(a.main)[0]
        main.record("main", into: &r)
        r.line("main run (\(String(format: "%.3g", main.sequences.last!)) sequences):")
        let icl = main.peak(main.icl), flip = main.peak(main.flip)
        r.line(String(format: "  ICL evaluator: peak %.3f at %.3g sequences, %.3f at the end (paper: rises, then back to chance 0.5)", icl.value, icl.at, main.icl.last!))
        r.line(String(format: "  Flip evaluator: peak %.3f at %.3g sequences, %.3f at the end; below 0.5 again from %@ (paper: above 0.5, then towards 0)",
                      flip.value, flip.at, main.flip.last!, main.flipCrossing.map { String(format: "%.3g sequences", $0) } ?? "never"))
        r.fact("main.flip.below_half_from", main.flipCrossing.map(JSONValue.double) ?? .null)
        r.line(String(format: "  at the end: CIWL %.3f (paper: ~1), IWL %.4f (plain accuracy; paper: 0.08%% after 16x longer)", main.ciwl.last!, main.iwl.last!))
        r.line("  Fig. 1b signature (ICL peak >= 0.55 and end <= 0.52, Flip peak >= 0.5 and end <= 0.2, CIWL end >= 0.9): "
               + (main.signature ? "reproduced" : "not reproduced"))
        r.fact("main.signature_reproduced", main.signature)

        let analysis = try ArtifactFile.open(a.mainAnalysis)
        defer { analysis.close() }
        let ablations = try NamedTable(analysis, "ablations")
        r.line("end-of-training ablations, CIWL in-context accuracy (spec E5):")
        for (name, value) in zip(ablations.columns, ablations.rows[0]) {
            let paper = paperAblations[name].map { String(format: "%.2f%%", 100 * $0) } ?? "-"
            r.line("  " + name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: " %6.2f%%   paper %@", 100 * value, paper))
            r.fact("ablations.\(name).measured", value)
            r.fact("ablations.\(name).paper", paperAblations[name].map(JSONValue.double) ?? .null)
        }
        let strength = try NamedTable(analysis, "strength")
        let heads = strength.columns.filter { $0.hasPrefix("strength_h") }
        let peaks = heads.map { strength.column($0).max()! }, ends = heads.map { strength.column($0).last! }
        let strongest = peaks.indices.max { peaks[$0] < peaks[$1] }!
        r.line(String(format: "  L2 induction strength on Flip data: largest peak %.3f (head %d); at the end %.3f to %.3f (paper: forms, then flips sign)",
                      peaks.max()!, strongest, ends.min()!, ends.max()!))
        r.fact("main.l2_strength.largest_peak", peaks.max()!)
        r.fact("main.l2_strength.largest_peak_head", strongest)
        r.fact("main.l2_strength.end_min", ends.min()!)
        r.fact("main.l2_strength.end_max", ends.max()!)

        let matched = try shapes(a.matched)[0]
        matched.record("matched", into: &r)
        r.line(String(format: "matched exemplars: Flip peak %.3f, %.3f at the end (paper: converges to 1, ICL persists)", matched.peak(matched.flip).value, matched.flip.last!))
        let oneLayer = try shapes(a.oneLayer)[0]
        oneLayer.record("one_layer", into: &r)
        r.line(String(format: "1 layer: best ICL %.3f, CIWL at the end %.3f (paper: CIWL without ICL)", oneLayer.peak(oneLayer.icl).value, oneLayer.ciwl.last!))
        r.line("position schemes (paper: only learned absolute positions give ICL):")
        r.line("  learned     " + main.brief)
        for (name, shape) in zip(["sinusoidal", "rope"], try shapes(a.positions)) {
            r.line("  " + name.padding(toLength: 11, withPad: " ", startingAt: 0) + " " + shape.brief)
            shape.record("positions.\(name)", into: &r)
        }
        r.line("seeds (paper: data seed barely matters, the init seed shifts timing):")
        r.line("  seed 0      " + main.brief)
        for (i, shape) in try shapes(a.seeds).enumerated() {
            r.line("  seed \(i + 1)      " + shape.brief)
            shape.record("seeds.\(i + 1)", into: &r)
        }
        return r
    }
}
