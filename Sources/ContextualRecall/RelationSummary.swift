import Artifacts
import Foundation
import Pipeline

/// The numbers behind paper 002 §4 and App. C that `toyworld summary relation` prints, read
/// from `cr.relation-analyze` artifacts: PT accuracy after pretraining, the cosines of the
/// subject and relation heads (named by their cosines, not by index) with the constructions,
/// and ICL accuracy on finetuning and held-out subjects at the end of finetuning.
public enum RelationSummary {
    /// `analyses`: a label for each run pair (`section4`, `appendix`, ...) and its artifact.
    public static func report(_ analyses: [(label: String, url: URL)]) throws -> SummaryReport {
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
        return r
    }

    private static func metrics(_ values: [Double]) -> String {
        zip(RecallMetrics.names, values).map { String(format: "%@ %.3f", $0.0, $0.1) }.joined(separator: ", ")
    }

    private static func record(_ values: [Double], as key: String, into r: inout SummaryReport) {
        for (name, value) in zip(RecallMetrics.names, values) { r.fact("\(key).\(name)", value) }
    }
}
