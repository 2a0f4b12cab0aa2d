import Foundation
import Pipeline

/// The per-seed verdicts `toyworld summary coop` prints.
public enum CoopSummary {
    public struct Entry: Equatable, Sendable {
        public var seed: Int
        public var transient: Bool
        public var minIteration: Int
        public var minMech1: Double
        public var divot: Double
        public var divotIteration: Int

        public init(seed: Int, transient: Bool, minIteration: Int, minMech1: Double, divot: Double, divotIteration: Int) {
            self.seed = seed
            self.transient = transient
            self.minIteration = minIteration
            self.minMech1 = minMech1
            self.divot = divot
            self.divotIteration = divotIteration
        }

        public init(_ run: CoopetitionRun) {
            let a = run.analysis
            self.init(seed: run.seed, transient: a.transient, minIteration: a.minIteration, minMech1: a.minMech1,
                      divot: a.divot, divotIteration: a.divotIteration)
        }
    }

    /// A header, one line per seed (in seed order) and a count of transient seeds.
    public static func report(_ entries: [Entry]) -> SummaryReport {
        var r = SummaryReport()
        r.line("seed  transient  min_iteration  min_mech1  divot   divot_iteration")
        for e in entries.sorted(by: { $0.seed < $1.seed }) {
            let verdict = (e.transient ? "yes" : "no").padding(toLength: 9, withPad: " ", startingAt: 0)
            r.line(String(format: "%4d  ", e.seed) + verdict
                   + String(format: "  %13d  %9.2e  %6.3f  %15d", e.minIteration, e.minMech1, e.divot, e.divotIteration))
            let key = "seeds.\(e.seed)"
            r.fact(key + ".transient", e.transient); r.fact(key + ".min_iteration", e.minIteration)
            r.fact(key + ".min_mech1", e.minMech1); r.fact(key + ".divot", e.divot); r.fact(key + ".divot_iteration", e.divotIteration)
        }
        let transient = entries.filter(\.transient).count
        r.line("transient in \(transient)/\(entries.count) seeds"
               + " (mech-1 loss below \(CoopetitionAnalysis.learnedBelow), then back to 80% of its a = 0 value)")
        r.fact("transient_seeds", transient); r.fact("seeds_count", entries.count)
        return r
    }

    public static func report(runs: [CoopetitionRun]) -> SummaryReport { report(runs.map(Entry.init)) }
}
