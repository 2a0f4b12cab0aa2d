import XCTest
@testable import Pipeline

/// `[k/N]` and the repro ETA as `Engine.repro` reports them, and the timings they rest on.
final class ReproProgressTests: XCTestCase {
    private var repo: ScratchRepo!
    private var events: EventRecorder!

    override func setUpWithError() throws {
        RunLog.reset()
        repo = try ScratchRepo()
        events = EventRecorder()
        repo.progress = events
        try repo.write(fanInPipeline)
    }

    private var timings: [String: Double] {
        get throws {
            let json = try JSONValue.parse(Data(contentsOf: repo.engine().timingsURL), file: "timings.json")
            return try XCTUnwrap(json["default"]?.objectValue).mapValues {
                if case .double(let seconds) = $0 { return seconds }
                XCTFail("\($0) is not a number of seconds"); return 0
            }
        }
    }

    func testTimingsOfOneReproGiveTheNextItsETA() throws {
        try repo.repro()
        let names = ["src", "parity", "seeds[value=1]", "seeds[value=2]", "seeds[value=3]", "total"]
        XCTAssertEqual(events.positions.map(\.index), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(events.positions.map(\.count), [6, 6, 6, 6, 6, 6])
        XCTAssertEqual(events.positions.map(\.laterUnrecorded), [5, 4, 3, 2, 1, 0], "nothing recorded yet")
        XCTAssertEqual(events.positions.map { $0.reproETA(stageETA: $0.recordedSeconds) }, Array(repeating: nil, count: 6))
        XCTAssertEqual(events.events.filter { if case .finished = $0 { return true }; return false }.count, 6)
        let recorded = try timings
        XCTAssertEqual(recorded.keys.sorted(), names.sorted())

        events = EventRecorder()
        repo.progress = events
        repo.lines = []
        try repo.repro(force: true)
        let positions = events.positions
        XCTAssertEqual(positions.map(\.name), names)
        XCTAssertEqual(positions.map(\.count), [6, 6, 6, 6, 6, 6])
        for (k, position) in positions.enumerated() {
            XCTAssertEqual(position.recordedSeconds, recorded[names[k]])
            XCTAssertEqual(position.laterSeconds, names[(k + 1)...].map { recorded[$0]! }.reduce(0, +), accuracy: 1e-12)
            XCTAssertEqual(position.laterUnrecorded, 0)
            XCTAssertEqual(position.reproETA(stageETA: position.recordedSeconds)?.isLowerBound, false)
        }
        XCTAssertTrue(repo.lines.allSatisfy { $0.contains(": ran in ") || $0.hasPrefix("ran 6 of 6 stages") || $0.hasPrefix("warning: ") },
                      "\(repo.lines)")
    }

    func testCachedStagesAreNotCountedAndTheCountTightensAsResultsComeIn() throws {
        try repo.repro()
        try repo.write(try String(contentsOf: repo.root.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "params: { value: 1, size: 5 }", with: "params: { value: 3, size: 5 }"))
        events = EventRecorder()
        repo.progress = events
        let summary = try repo.repro()
        XCTAssertEqual(summary.ran, ["src", "parity"])
        XCTAssertEqual(events.positions.map(\.name), ["src", "parity"])
        XCTAssertEqual(events.positions.map(\.count), [3, 3], "total waits on parity, so it is forecast to run")
        XCTAssertEqual(summary.cached, ["seeds[value=1]", "seeds[value=2]", "seeds[value=3]", "total"],
                       "parity's result is unchanged, so total stays cached after all")

        events = EventRecorder()
        repo.progress = events
        try repo.repro(["seeds"], force: true)
        XCTAssertEqual(events.positions.map(\.count), [3, 3, 3])
        XCTAssertEqual(events.positions.map(\.index), [1, 2, 3])
    }

    func testAFailingStageEndsItsProgressAsFailed() throws {
        try repo.write("""
        stages:
          broken:
            uses: test.failing
        """)
        XCTAssertThrowsError(try repo.repro())
        XCTAssertEqual(events.positions.map(\.name), ["broken"])
        guard case .failed = events.events.last else { return XCTFail("\(events.events)") }
        XCTAssertNil(try? repo.engine().timingsURL.checkResourceIsReachable(), "a failed stage records no time")
    }

    func testAnExperimentRecordsNoTimingsForTheStagesItChanges() throws {
        let engine = repo.engine()
        engine.experiment = try Experiment(name: "other-source", assignments: ["src.value=2"])
        try engine.repro(ReproOptions())
        XCTAssertEqual(try timings.keys.sorted(), ["seeds[value=1]", "seeds[value=2]", "seeds[value=3]"],
                       "src, parity and total ran with the experiment's value; the seeds are the profile's own")
    }
}
