import Artifacts
import Foundation

/// The numbers behind thesis ch. 4's claims that `toyworld summary induction` prints, read from
/// `induction.evaluate` artifacts: the full run, the single-head runs and the clamp runs.
public enum InductionSummary {
    /// Induction strength a head must reach to count as formed.
    static let formedAt = 0.05
    /// Thesis Table C.1: accuracy (%) of each L2 head kept alone (head 3 is not listed there).
    static let tableC1: [Int: Double] = [0: 40.32, 1: 76.51, 2: 75.12, 4: 42.85, 5: 64.65, 6: 29.16, 7: 58.85]

    public static func lines(main: URL, seeds: URL, single: URL, clamp: URL) throws -> [String] {
        var out: [String] = []
        let file = try ArtifactFile.open(main)
        defer { file.close() }
        let loss = try NamedTable(file, "train_loss"), curves = try NamedTable(file, "curves"), heads = try NamedTable(file, "heads")
        let final = try NamedTable(file, "final").rows[0]
        let seen = loss.column("sequences"), values = loss.column("loss")
        let band = seen.indices.filter { abs(values[$0] - log(2.0)) <= 0.1 * log(2.0) }
        out.append("full model (\(main.lastPathComponent)):")
        if let first = band.first, let last = band.last {
            let inBand = band.map { values[$0] }.sorted()
            out.append(String(format: "  plateau: training loss within 10%% of log 2 from %.0f to %.0f sequences (median %.3f; log 2 = %.3f)",
                              seen[first], seen[last], inBand[inBand.count / 2], log(2.0)))
        } else {
            out.append("  plateau: the binned training loss is never within 10% of log 2")
        }
        out.append(String(format: "  learning time (training loss below 0.4 log 2): %@", time(final[7])))
        out.append(String(format: "  final accuracy: train (%@, %d sequences) %.4f, test (exemplars) %.4f, test (relabel) %.4f; thesis: 99.99%% and generalises to both",
                              try file.requiredString("train_accuracy_all_is"), try file.requiredInt("training_sequences"), final[3], final[4], final[5]))
        let checkpoints = curves.column("sequences")
        let formed: [(head: Int, at: Double)] = heads.column("head").map { h in
            let strength = curves.column("strength_h\(Int(h))")
            return (Int(h), strength.firstIndex { $0 >= formedAt }.map { checkpoints[$0] } ?? .infinity)
        }
        out.append("  L2 head  strength  formed at (>= \(formedAt))  accuracy alone (Table C.1)  accuracy without")
        for (i, row) in heads.rows.enumerated() {
            let h = Int(row[0]), paper = tableC1[h].map { String(format: "%.2f%%", $0) } ?? "  -   "
            out.append(String(format: "  %7d  %8.3f  %20@  %14.2f%% (%@)  %15.2f%%", h, row[1], formed[i].at.isFinite ? String(format: "%.0f", formed[i].at) : "never",
                              100 * row[3], paper, 100 * row[2]))
        }
        let order = formed.sorted { ($0.at, $0.head) < ($1.at, $1.head) }.map { "\($0.head)" }
        out.append("  order of formation: " + order.joined(separator: ", ") + " (thesis: head 3 strongest and first)")
        out.append(contentsOf: try learningTimes(seeds, label: { "seed \(Int($0[2]))" },
                                                 title: "the full model with other seeds (initialisation and data; main run: seed 0):"))
        out.append(contentsOf: try learningTimes(single, label: { "only head \(Int($0[0]))" }, title: "single-head runs (thesis: every head learns alone, head 3 fastest):"))
        out.append(contentsOf: try learningTimes(clamp, label: { CircuitClamp.allCases[Int($0[1])].rawValue },
                                                 title: "clamp runs, only L2 head 3 (thesis: clamps speed learning; match and steps 1, 2, 3v, 5 smooth):"))
        return out
    }

    static func time(_ sequences: Double) -> String { sequences < 0 ? "not reached" : String(format: "%.0f sequences", sequences) }

    static func learningTimes(_ url: URL, label: ([Double]) -> String, title: String) throws -> [String] {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        return [title] + (try NamedTable(file, "final").rows.map { row in
            "  " + label(row).padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: " learning time %@, plateau loss %.3f, final accuracy train %.4f (unclamped), exemplars %.4f, relabel %.4f",
                         time(row[7]), row[6], row[3], row[4], row[5])
        })
    }
}
