import Artifacts
import Foundation

/// The progress of one running stage, as its kind reports it (`start`, `advance`, `finish`),
/// turned into `ProgressEvent`s for a sink. The rate and both ETAs are worked out here, so
/// every front end shows the same numbers. Safe to call from several threads.
public final class ProgressReporter: WorkProgress {
    public let position: StagePosition
    private let sink: ProgressSink?
    private let clock: () -> Date
    private let stageStart: Date
    private let lock = NSLock()
    private var total = 0
    private var done = 0
    private var resumedFrom = 0
    private var unit = "steps"
    private var countingSince: Date
    private var metric: ProgressMetric?
    private var lastSnapshot = Date.distantPast
    private var finished = false

    /// Advances emit a snapshot at most this often: a sink may be slow, a training step is not.
    static let snapshotSpacing: TimeInterval = 0.2

    /// `clock` stands in for the wall clock in tests.
    public init(position: StagePosition, sink: ProgressSink?, clock: @escaping () -> Date = Date.init) {
        self.position = position
        self.sink = sink
        self.clock = clock
        stageStart = clock()
        countingSince = stageStart
    }

    /// A reporter that shows nothing (tests, nested work).
    public static func silent(_ label: String = "") -> ProgressReporter {
        ProgressReporter(position: StagePosition(name: label), sink: nil)
    }

    /// Starts counting `total` units. A stage resuming from a checkpoint passes the units that
    /// checkpoint holds as `done`: the count starts there, and the rate and ETA cover only the
    /// work of this run, which is what the remaining units will take.
    public func start(total: Int, unit: String = "steps", resumedFrom done: Int = 0) {
        lock.lock(); defer { lock.unlock() }
        self.total = total
        self.unit = unit
        self.done = done
        resumedFrom = done
        metric = nil
        countingSince = clock()
        lastSnapshot = .distantPast
        finished = false
        emit(.started(total: total, unit: unit, resumedFrom: done))
        if done > 0 { emit(.message("resuming \(position.name) from \(done) \(unit)")) }
    }

    /// Counts `n` more units done. `metric` is a value to show beside the count, such as a
    /// running mean loss the caller keeps; it stays on the line until the next one.
    public func advance(by n: Int = 1, metric: (name: String, value: Double)? = nil) {
        lock.lock(); defer { lock.unlock() }
        done += n
        if let metric { self.metric = ProgressMetric(name: metric.name, value: metric.value) }
        let now = clock()
        let completes = total > 0 && done >= total && done - n < total
        if completes || now.timeIntervalSince(lastSnapshot) >= Self.snapshotSpacing { emitSnapshot(at: now) }
    }

    /// Tells the user something that does not stop the stage (a damaged checkpoint skipped).
    public func warn(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        emit(.message("warning: \(position.name): \(message)"))
    }

    /// Ends the stage's progress. Kinds call it when their counted work is done; the engine
    /// calls it again once the stage returns, so every stage ends once.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        guard !finished else { return }
        let now = clock()
        if total > 0 { emitSnapshot(at: now) }
        finished = true
        emit(.finished(seconds: now.timeIntervalSince(stageStart)))
    }

    /// Ends the progress of a stage that threw.
    func fail() {
        lock.lock(); defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        emit(.failed(seconds: clock().timeIntervalSince(stageStart)))
    }

    /// A snapshot whatever the stage did since the last one, so that time keeps moving on
    /// screen and in logs through a stage that counts nothing for a while.
    func heartbeat() {
        lock.lock(); defer { lock.unlock() }
        emitSnapshot(at: clock())
    }

    private func emitSnapshot(at now: Date) {
        guard sink != nil, !finished else { return }
        lastSnapshot = now
        let elapsed = now.timeIntervalSince(stageStart)
        let counting = now.timeIntervalSince(countingSince)
        let newWork = done - resumedFrom
        let rate = counting > 0 && newWork > 0 ? Double(newWork) / counting : nil
        let counted: Double? = total == 0 ? nil : done >= total ? 0 : rate.map { Double(total - done) / $0 }
        let eta = position.stageETA(counted: counted, elapsed: elapsed)
        emit(.advanced(ProgressSnapshot(done: done, total: total, unit: unit, metric: metric, elapsed: elapsed,
                                        rate: rate, eta: eta, reproETA: position.reproETA(stageETA: eta))))
    }

    private func emit(_ event: ProgressEvent) { sink?.receive(event) }
}
