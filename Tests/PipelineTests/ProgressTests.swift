import XCTest
@testable import Pipeline

/// A wall clock the test moves by hand.
final class FakeClock {
    private(set) var now = Date(timeIntervalSinceReferenceDate: 0)
    func advance(_ seconds: Double) { now += seconds }
}

/// Keeps every event, in order.
final class EventRecorder: ProgressSink {
    private let lock = NSLock()
    private var received: [ProgressEvent] = []
    var events: [ProgressEvent] { lock.lock(); defer { lock.unlock() }; return received }
    func receive(_ event: ProgressEvent) { lock.lock(); received.append(event); lock.unlock() }

    var positions: [StagePosition] {
        events.compactMap { if case .stageStarted(let position) = $0 { return position }; return nil }
    }
    var snapshots: [ProgressSnapshot] {
        events.compactMap { if case .advanced(let snapshot) = $0 { return snapshot }; return nil }
    }
}

final class ProgressTests: XCTestCase {
    private let clock = FakeClock()
    private var output = ""

    private func reporter(_ position: StagePosition, into sink: ProgressSink) -> ProgressReporter {
        sink.receive(.stageStarted(position))
        return ProgressReporter(position: position, sink: sink, clock: { [clock] in clock.now })
    }

    func testPlainLogWritesAtStartEveryIntervalAndAtFinishWithoutControlCharacters() {
        let log = PlainLogProgressRenderer(interval: 10) { self.output += $0 }
        let progress = reporter(StagePosition(name: "train", index: 2, count: 3, laterSeconds: 60), into: log)
        progress.start(total: 100)
        for step in 1...100 {
            clock.advance(1)
            progress.advance(metric: ("loss", 1 / Double(step)))
        }
        progress.finish()
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "[2/3] train  started  (repro ETA ≥ 1m00s)")
        XCTAssertEqual(lines.filter { $0.contains("steps/s") }.count, 10, "one line per 10 s of a 100 s stage:\n\(output)")
        XCTAssertTrue(lines.contains("[2/3] train  50/100 steps (50%)  loss 0.02  1.0 steps/s  ETA 50s  (repro ETA 1m50s)"), output)
        XCTAssertEqual(lines.suffix(2), ["[2/3] train  100/100 steps (100%)  loss 0.01  finished in 1m40s", ""])
        XCTAssertFalse(output.contains("\r"))
        XCTAssertFalse(output.contains("\u{1B}"))
    }

    func testPlainLogKeepsWritingThroughAStageThatCountsNothing() {
        let log = PlainLogProgressRenderer(interval: 10) { self.output += $0 }
        let progress = reporter(StagePosition(name: "plot", index: 1, count: 2, recordedSeconds: 40, laterSeconds: 5), into: log)
        for _ in 1...25 {
            clock.advance(1)
            progress.heartbeat()
        }
        progress.finish()
        XCTAssertEqual(output, """
        [1/2] plot  started  last run took 40s  (repro ETA 45s)
        [1/2] plot  running 10s  ETA 30s  (repro ETA 35s)
        [1/2] plot  running 20s  ETA 20s  (repro ETA 25s)
        [1/2] plot  finished in 25s

        """)
    }

    func testResumingSaysSoAndRatesOnlyTheNewWork() {
        let events = EventRecorder()
        let progress = reporter(StagePosition(name: "train"), into: events)
        progress.start(total: 1000, unit: "steps", resumedFrom: 400)
        clock.advance(10)
        progress.advance(by: 100)
        XCTAssertEqual(Array(events.events.prefix(3)), [
            .stageStarted(StagePosition(name: "train")),
            .started(total: 1000, unit: "steps", resumedFrom: 400),
            .message("resuming train from 400 steps"),
        ])
        let snapshot = events.snapshots.last!
        XCTAssertEqual(snapshot.done, 500)
        XCTAssertEqual(snapshot.rate, 10, "100 steps in 10 s; the 400 resumed ones cost nothing")
        XCTAssertEqual(snapshot.eta, 50)

        let log = PlainLogProgressRenderer { self.output += $0 }
        reporter(StagePosition(name: "train", index: 1, count: 4), into: log).start(total: 1000, resumedFrom: 400)
        XCTAssertEqual(output, "[1/4] train  started\nresuming train from 400 steps\n")
    }

    func testTerminalRedrawsOneLineWithTheMetricAndClearsItAtTheEnd() {
        let terminal = TerminalProgressRenderer { self.output += $0 }
        let progress = reporter(StagePosition(name: "train", index: 1, count: 3, laterSeconds: 120, laterUnrecorded: 1), into: terminal)
        progress.start(total: 200, unit: "steps")
        clock.advance(4)
        progress.advance(by: 50, metric: ("loss", 0.421349))
        XCTAssertTrue(output.hasSuffix("\r\u{1B}[K[1/3] train  50/200 steps (25%)  loss 0.4213  12.5 steps/s  ETA 12s  (repro ETA ≥ 2m12s)"),
                      output)
        XCTAssertFalse(output.contains("\n"))
        progress.finish()
        XCTAssertTrue(output.hasSuffix("\r\u{1B}[K"), "the line is cleared for the engine's report")
    }

    func testAdvancesBetweenSnapshotsAreCountedButNotEachSent() {
        let events = EventRecorder()
        let progress = reporter(StagePosition(name: "train"), into: events)
        progress.start(total: 1000)
        for _ in 1...999 { progress.advance() }
        XCTAssertEqual(events.snapshots.map(\.done), [1], "the clock stood still: one snapshot, then none for 0.2 s")
        progress.advance()
        XCTAssertEqual(events.snapshots.map(\.done), [1, 1000], "the last step is always shown")
        progress.finish()
        progress.finish()
        XCTAssertEqual(events.events.filter { if case .finished = $0 { return true }; return false }.count, 1)
    }
}
