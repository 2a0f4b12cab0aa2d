import Artifacts
import Foundation
import Pipeline

/// The numbers behind paper 002 §4 and App. C that `toyworld summary relation` prints, read
/// from `cr.relation-analyze` artifacts: PT accuracy after pretraining, the cosines of the
/// subject and relation heads (named by their cosines, not by index) with the constructions,
/// and ICL accuracy on finetuning and held-out subjects at the end of finetuning; and from
/// `cr.relation-sweep` artifacts (Figs. 13, 14): held-out ICL accuracy against the distinct
/// values seen in finetuning, and the pretrained heads' best cosines.
public enum RelationSummary {
    /// `analyses`: a label for each run pair (`section4`, `appendix`, ...) and its artifact;
    /// `sweeps`: a label for each Figs. 13/14 sweep and its artifact.
    public static func report(_ analyses: [(label: String, url: URL)], sweeps: [(label: String, url: URL)] = []) throws -> SummaryReport {
        var r = SummaryReport()
        for (label, url) in analyses {
            let file = try ArtifactFile.open(url)
            defer { file.close() }
            let setting = try NamedTable(file, "setting")
            let absolute = setting.column("absolute_positions").first == 1
            r.line("\(label) (\(absolute ? "absolute" : "relative") key positions, M_1 = \(Int(setting.column("type1_values").first ?? 0))):")
            r.fact("\(label).absolute_positions", absolute)

            let pt = try NamedTable(file, "pt_metrics")
            r.line("  after pretraining, last-token " + metrics(pt.rows[0]))
            record(pt.rows[0], as: "\(label).pt", into: &r)

            let cosines = try NamedTable(file, "cosines")
            let subjectHead = try file.requiredInt("subject_head"), relationHead = try file.requiredInt("relation_head")
            for (role, head) in [("subject_head", subjectHead), ("relation_head", relationHead)] {
                let row = cosines.rows[head]
                r.fact("\(label).\(role).index", head)
                for (i, column) in cosines.columns.enumerated().dropFirst() { r.fact("\(label).\(role).\(column)", row[i]) }
            }
            r.line(String(format: "  subject head %d: cos with f_subj %.2f after PT, %.2f after FT; relation head %d: cos with f_rel %.2f after PT, %.2f after FT",
                          subjectHead, cosines.column("pt_subject")[subjectHead], cosines.column("ft_subject")[subjectHead],
                          relationHead, cosines.column("pt_relation")[relationHead], cosines.column("ft_relation")[relationHead]))

            for (set, name) in [("ft_seen", "finetuning subjects"), ("ft_heldout", "held-out subjects")] {
                let table = try NamedTable(file, set)
                guard let last = table.rows.last else { continue }
                r.line("  after \(Int(last[0])) finetuning steps, ICL on \(name): " + metrics(Array(last.dropFirst())))
                r.fact("\(label).\(set).iteration", Int(last[0]))
                record(Array(last.dropFirst()), as: "\(label).\(set)", into: &r)
            }
        }
        for (label, url) in sweeps { try reportSweep(label, url, into: &r) }
        return r
    }

    /// For the fewest and the most finetuning subjects in the sweep (`<label>.fewer_subjects`,
    /// `.more_subjects`), the runs holding the fewest and the most distinct values (`.fewest`,
    /// `.most`), the mean held-out exact match over the sweep,
    /// the pretrained heads' best cosines and the end of the Fig. 14 curve.
    private static func reportSweep(_ label: String, _ url: URL, into r: inout SummaryReport) throws {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let setting = try NamedTable(file, "setting"), heldOut = try NamedTable(file, "heldout")
        let ptSubjects = Int(setting.column("pt_subjects").first ?? 0)
        r.line("\(label) (Figs. 13, 14; pretrained on \(ptSubjects) subjects):")
        r.fact("\(label).pt_subjects", ptSubjects)
        let cosines = try NamedTable(file, "pt_cosines")
        var best: [(head: Int, cosine: Double)] = []
        for (role, column) in [("subject_head", "subject"), ("relation_head", "relation")] {
            let values = cosines.column(column), head = values.indices.max { values[$0] < values[$1] }!
            r.fact("\(label).\(role).index", head)
            r.fact("\(label).\(role).cosine", values[head])
            best.append((head, values[head]))
        }
        r.line(String(format: "  after pretraining: best cos with f_subj %.2f (head %d), with f_rel %.2f (head %d)",
                      best[0].cosine, best[0].head, best[1].cosine, best[1].head))
        let subjects = heldOut.column("ft_subjects"), distinct = heldOut.column("unique_seen"), exact = heldOut.column("exact")
        // Per number of finetuning subjects, its runs from the fewest to the most distinct values.
        let runsBySubjects = Dictionary(grouping: subjects.indices, by: { subjects[$0] }).mapValues { $0.sorted { distinct[$0] < distinct[$1] } }
        let counts = runsBySubjects.keys.sorted()
        for (group, k) in [("fewer_subjects", counts.first), ("more_subjects", counts.last)] {
            guard let k, let runs = runsBySubjects[k] else { continue }
            r.fact("\(label).\(group).subjects", Int(k))
            for (end, row) in [("fewest", runs.first!), ("most", runs.last!)] {
                r.fact("\(label).\(group).\(end).unique_seen", distinct[row])
                record(Array(heldOut.rows[row].dropFirst(2)), as: "\(label).\(group).\(end)", into: &r)
            }
        }
        for k in counts {
            r.line("  \(Int(k)) finetuning subjects, held-out ICL exact by distinct values per type: "
                   + runsBySubjects[k]!.map { String(format: "%.1f -> %.3f", distinct[$0], exact[$0]) }.joined(separator: ", "))
        }
        let mean = exact.reduce(0, +) / Double(max(exact.count, 1))
        r.line(String(format: "  mean held-out ICL exact over the sweep: %.3f", mean))
        r.fact("\(label).mean_exact", mean)
        let curve = try NamedTable(file, "curve")
        if let last = curve.rows.last {
            r.line(String(format: "  finetuning on %d subjects (%.1f values per type), after %d steps, held-out ICL ",
                          Int(setting.column("curve_subjects").first ?? 0), setting.column("curve_unique_seen").first ?? 0, Int(last[0]))
                   + metrics(Array(last.dropFirst())))
            record(Array(last.dropFirst()), as: "\(label).curve", into: &r)
            r.fact("\(label).curve.subjects", Int(setting.column("curve_subjects").first ?? 0))
            r.fact("\(label).curve.unique_seen", setting.column("curve_unique_seen").first ?? 0)
        }
    }

    private static func metrics(_ values: [Double]) -> String {
        zip(RecallMetrics.names, values).map { String(format: "%@ %.3f", $0.0, $0.1) }.joined(separator: ", ")
    }

    private static func record(_ values: [Double], as key: String, into r: inout SummaryReport) {
        for (name, value) in zip(RecallMetrics.names, values) { r.fact("\(key).\(name)", value) }
    }
}
