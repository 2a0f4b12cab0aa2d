import Foundation

/// The text both progress renderers print, so that a terminal and a log read alike:
/// `[2/5] train  520/1000 steps (52%)  loss 0.4213  40.0 steps/s  ETA 12s  (repro ETA ≥ 1m02s)`.
enum ProgressLine {
    static func started(_ position: StagePosition?) -> String {
        var parts = label(position) + ["started"]
        if let recorded = position?.recordedSeconds { parts.append("last run took \(duration(recorded))") }
        if let position, let repro = reproPart(position, position.reproETA(stageETA: position.recordedSeconds)) {
            parts.append(repro)
        }
        return parts.joined(separator: "  ")
    }

    static func running(_ position: StagePosition?, _ snapshot: ProgressSnapshot) -> String {
        var parts = label(position) + [snapshot.total > 0 ? count(snapshot) : "running \(duration(snapshot.elapsed))"]
        if let metric = snapshot.metric { parts.append(self.metric(metric)) }
        if let rate = snapshot.rate { parts.append("\(self.rate(rate)) \(snapshot.unit)/s") }
        if let eta = snapshot.eta { parts.append("ETA \(duration(eta))") }
        if let position, let repro = reproPart(position, snapshot.reproETA) { parts.append(repro) }
        return parts.joined(separator: "  ")
    }

    /// The end of a stage with its final count, e.g. `[2/5] train  1000/1000 steps (100%)  loss 0.4102  finished in 3m12s`.
    static func ended(_ position: StagePosition?, last: ProgressSnapshot?, _ outcome: String, seconds: Double) -> String {
        var parts = label(position)
        if let last, last.total > 0 { parts.append(count(last)) }
        if let metric = last?.metric { parts.append(self.metric(metric)) }
        parts.append("\(outcome) \(duration(seconds))")
        return parts.joined(separator: "  ")
    }

    /// `1h02m`, `3m05s`, `12s`, `0.4s` (a tenth where whole seconds would say nothing).
    static func duration(_ seconds: Double) -> String {
        if seconds < 9.95 { return String(format: "%.1fs", seconds) }
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }

    /// `[2/5] train`; nothing for a reporter used outside a repro.
    private static func label(_ position: StagePosition?) -> [String] {
        position.map { ["[\($0.index)/\($0.count)] \($0.name)"] } ?? []
    }

    private static func count(_ snapshot: ProgressSnapshot) -> String {
        String(format: "%d/%d %@ (%.0f%%)", snapshot.done, snapshot.total, snapshot.unit,
               100 * Double(snapshot.done) / Double(snapshot.total))
    }

    /// Four significant digits: a loss is read for its trend, and it spans decades.
    private static func metric(_ metric: ProgressMetric) -> String {
        metric.name + " " + String(format: "%.4g", metric.value)
    }

    private static func rate(_ rate: Double) -> String {
        String(format: rate >= 100 ? "%.0f" : rate >= 1 ? "%.1f" : "%.2g", rate)
    }

    /// Shown only while later stages remain: for the last stage it would repeat the stage's ETA.
    private static func reproPart(_ position: StagePosition, _ estimate: Estimate?) -> String? {
        guard position.index < position.count, let estimate else { return nil }
        return "(repro ETA \(estimate.isLowerBound ? "≥ " : "")\(duration(estimate.seconds)))"
    }
}
