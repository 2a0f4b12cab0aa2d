import Artifacts
import Foundation

/// Progress of one running stage: `stage  step/total  rate/s  ETA`, redrawn in place on a
/// terminal and silent otherwise (CI logs stay readable).
public final class ProgressReporter: WorkProgress {
    public let label: String
    private let enabled: Bool
    private var total: Int = 0
    private var done: Int = 0
    private var unit: String = "steps"
    private var started = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    public init(label: String, enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = label
        self.enabled = enabled
    }

    /// A reporter that never draws (tests, nested work).
    public static func silent(_ label: String = "") -> ProgressReporter { ProgressReporter(label: label, enabled: false) }

    public func start(total: Int, unit: String = "steps") {
        lock.lock(); defer { lock.unlock() }
        self.total = total
        self.unit = unit
        done = 0
        started = Date()
        lastDraw = .distantPast
    }

    public func advance(by n: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        done += n
        let now = Date()
        if enabled, now.timeIntervalSince(lastDraw) > 0.2 || done >= total {
            lastDraw = now
            draw(now)
        }
    }

    public func start(total: Int, unit: String, resumedFrom done: Int) {
        start(total: total - done, unit: unit)
        if done > 0 { FileHandle.standardError.write("resuming \(label) from \(done) \(unit)\n".data(using: .utf8)!) }
    }

    public func advance(by n: Int, metric: (name: String, value: Double)?) { advance(by: n) }

    public func warn(_ message: String) {
        FileHandle.standardError.write("warning: \(label): \(message)\n".data(using: .utf8)!)
    }

    /// Clears the progress line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!)
    }

    private func draw(_ now: Date) {
        let elapsed = now.timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 && total > done ? Double(total - done) / rate : 0
        let pct = total > 0 ? 100 * Double(done) / Double(total) : 0
        let line = String(format: "\r\u{1B}[K%@  %d/%d %@ (%.0f%%)  %.1f/s  ETA %@",
                          label, done, total, unit, pct, rate, ProgressReporter.formatDuration(eta))
        FileHandle.standardError.write(line.data(using: .utf8)!)
    }

    public static func formatDuration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
