import Artifacts
import Foundation
import Pipeline

/// The interleaver checks of paper 000 Fig. 5 that `toyworld summary traces` prints, read from
/// an `lds.trace-stats` artifact: the Zipf(1.5, 25) PMF against the sampled maximum-systems
/// histogram, and the shares of 19-candidate recalls and of the special cases per cut.
public enum TraceStatsSummary {
    static let shares = ["zipf_max_abs_dev", "zipf_chi_square", "recall19_share", "recall19_share_of_recalls",
                         "coincident_share", "adjacent_share", "one_gap_share"]

    public static func report(_ url: URL) throws -> SummaryReport {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        func number(_ name: String) throws -> Double {
            switch try file.attribute(name) {
            case .double(let v)?: return v
            case .int(let v)?: return Double(v)
            default: throw ArtifactError(file: url.path, .missingObject(path: "@\(name) (a number; is it an lds.trace-stats artifact?)"))
            }
        }
        let systems = try file.readTable("systems")
        let columns = systems.shape[1]
        var r = SummaryReport()
        let traces = Int(try number("traces"))
        r.fact("traces", traces)
        r.line("\(traces) traces")
        r.line("  N   Zipf PMF   sampled    difference")
        for row in 0..<systems.shape[0] {
            let k = systems.values[row * columns], pmf = systems.values[row * columns + 1], sampled = systems.values[row * columns + 2]
            r.line(String(format: "%3.0f   %.5f    %.5f   %+.5f", k, pmf, sampled, sampled - pmf))
            r.fact("systems.\(Int(k)).zipf_pmf", pmf); r.fact("systems.\(Int(k)).sampled", sampled)
        }
        r.line(String(format: "max |sampled - PMF| = %.5f, chi-square (24 dof) = %.1f",
                      try number("zipf_max_abs_dev"), try number("zipf_chi_square")))
        r.line(String(format: "19-candidate recalls: %.2f%% of system appearances (%.2f%% of recalls); the paper: under 1%%",
                      100 * (try number("recall19_share")), 100 * (try number("recall19_share_of_recalls"))))
        r.line(String(format: "special cases per cut: coincident %.2f%%, adjacent %.2f%%, one-index gap %.2f%%",
                      100 * (try number("coincident_share")), 100 * (try number("adjacent_share")), 100 * (try number("one_gap_share"))))
        for name in shares { r.fact(name, try number(name)) }
        return r
    }
}
