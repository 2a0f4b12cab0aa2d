import Foundation
import XCTest
import Artifacts
@testable import Transformer

/// The shared training run: resume after a kill, restarts, the damaged-checkpoint fallback
/// and the artifact layout.
final class TrainingRunTests: XCTestCase {
    let fixture = TrainingFixture()
    /// 12 steps of batch 3, a checkpoint every 4 steps.
    let schedule = CheckpointSchedule(unit: "sequences", batch: 3, end: 36, every: 12, keepMomentsAt: [24])

    func makeRun(_ work: URL, threads: Int = 2, start: TrainingStart = .scratch, schedule: CheckpointSchedule? = nil) throws -> TrainingRun {
        TrainingRun(trainer: try fixture.makeTrainer(threads: threads), source: fixture.makeSource(),
                    schedule: schedule ?? self.schedule, start: start, workDirectory: work)
    }

    /// Runs to the end and returns the artifact's bytes without its (absent) provenance.
    func artifactBytes(_ run: TrainingRun, _ url: URL) throws -> Data {
        try run.run()
        try run.writeArtifact(to: url, attributes: [("mode", .string("test"))])
        return try Data(contentsOf: url)
    }

    func testKilledBetweenAnyTwoCheckpointsResumesToTheSameBytes() throws {
        let dir = try ScratchDirectory("run-resume"); defer { dir.remove() }
        let straight = try artifactBytes(try makeRun(dir.url.appendingPathComponent("w0")), dir.url.appendingPathComponent("a0.h5"))
        for stop in [5, 8, 11] {
            // A run killed after `stop` steps: its work directory holds the checkpoints up to then.
            let work = dir.url.appendingPathComponent("w\(stop)")
            let killed = try makeRun(work, schedule: CheckpointSchedule(unit: "sequences", batch: 3, end: 36, every: 12, keepMomentsAt: [24]))
            try killedRun(killed, afterSteps: stop)
            let resumed = try artifactBytes(try makeRun(work, threads: 1), dir.url.appendingPathComponent("a\(stop).h5"))
            XCTAssertEqual(resumed, straight, "resumed after \(stop) steps")
        }
    }

    /// Trains `steps` steps exactly as `run` would, saving its checkpoints, then stops.
    func killedRun(_ run: TrainingRun, afterSteps steps: Int) throws {
        let partial = CheckpointSchedule(unit: "sequences", batch: 3, end: 3 * steps - (3 * steps) % 12, every: 12)
        if partial.end > 0 {
            try TrainingRun(trainer: run.trainer, source: run.source, schedule: partial, workDirectory: run.work.directory).run()
        }
    }

    func testOneAndTwoThreadsWriteIdenticalArtifacts() throws {
        let dir = try ScratchDirectory("run-threads"); defer { dir.remove() }
        let one = try artifactBytes(try makeRun(dir.url.appendingPathComponent("w1"), threads: 1), dir.url.appendingPathComponent("1.h5"))
        let two = try artifactBytes(try makeRun(dir.url.appendingPathComponent("w2"), threads: 2), dir.url.appendingPathComponent("2.h5"))
        XCTAssertEqual(one, two)
    }

    func testArtifactLayoutIsReadableByName() throws {
        let dir = try ScratchDirectory("run-layout"); defer { dir.remove() }
        let url = dir.url.appendingPathComponent("run.h5")
        _ = try artifactBytes(try makeRun(dir.url.appendingPathComponent("w")), url)
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        XCTAssertEqual(try file.read("checkpoint_counts", as: Int64.self).values, [0, 12, 24, 36])
        XCTAssertEqual(try file.shape("checkpoints/36/params/h.1.attn.c_attn.weight"), [48, 16])
        XCTAssertEqual(try file.dtype("checkpoints/36/params/read_in.weight"), .float32)
        XCTAssertEqual(try file.shape("checkpoints/36/params/read_in.weight"), [16, 5])
        XCTAssertTrue(file.contains("checkpoints/24/adamw/m/read_out.bias"))
        XCTAssertFalse(file.contains("checkpoints/36/adamw"))
        XCTAssertEqual(try file.attribute("step", at: "checkpoints/24"), .int(8))
        XCTAssertEqual(try file.attribute("unit"), .string("sequences"))
        XCTAssertEqual(try file.attribute("model.width"), .int(16))
        XCTAssertEqual(try file.tableColumns("loss"), ["step", "sequences", "loss"])
        XCTAssertEqual(try file.shape("tables/loss"), [12, 3])
        XCTAssertEqual(try ModelConfig(attributesOf: file), fixture.config)
    }

    func testRestartWithMomentsContinuesAnUninterruptedRun() throws {
        let dir = try ScratchDirectory("run-restart"); defer { dir.remove() }
        let url = dir.url.appendingPathComponent("first.h5")
        let first = try makeRun(dir.url.appendingPathComponent("w1"))
        _ = try artifactBytes(first, url)
        let restarted = try makeRun(dir.url.appendingPathComponent("w2"), start: .checkpoint(of: url, at: 24, moments: true))
        try restarted.run()
        XCTAssertEqual(restarted.trainer.stepCount, 12)
        XCTAssertEqual(restarted.trainer.model.parameterValues, first.trainer.model.parameterValues)
        XCTAssertEqual(try TrainingRunArtifact(url).state(at: 24).step, 8)
        XCTAssertThrowsError(try TrainingRunArtifact(url).state(at: 12)) { error in
            XCTAssertTrue("\(error)".contains("keeps no optimizer moments"), "\(error)")
        }
    }

    /// A truncated state file, or a parameter file lost to a half-finished deletion: the run
    /// warns, drops that checkpoint and resumes from the one before, to the same bytes.
    func testDamagedNewestCheckpointFallsBackToThePreviousOne() throws {
        let dir = try ScratchDirectory("run-damaged"); defer { dir.remove() }
        let straight = try artifactBytes(try makeRun(dir.url.appendingPathComponent("w0")), dir.url.appendingPathComponent("a.h5"))
        let damages: [(String, (URL) throws -> Void)] = [
            ("state-24.h5", { url in let bytes = try Data(contentsOf: url); try bytes.prefix(bytes.count / 2).write(to: url) }),
            ("params-24.h5", { url in try FileManager.default.removeItem(at: url) }),
        ]
        for (i, (file, damage)) in damages.enumerated() {
            let work = dir.url.appendingPathComponent("w\(i + 1)")
            try killedRun(try makeRun(work), afterSteps: 9)   // checkpoints at 0, 12, 24
            try damage(work.appendingPathComponent(file))
            let warnings = Warnings()
            let resumed = try makeRun(work)
            try resumed.run(progress: warnings)
            let url = dir.url.appendingPathComponent("b\(i).h5")
            try resumed.writeArtifact(to: url, attributes: [("mode", .string("test"))])
            XCTAssertEqual(try Data(contentsOf: url), straight, file)
            XCTAssertEqual(warnings.messages.count, 1, file)
            XCTAssertTrue(warnings.messages.first?.contains("checkpoint at 24 is damaged") ?? false, "\(warnings.messages)")
            XCTAssertEqual(warnings.resumedFrom, 12, file)
        }
    }

    func testScheduleRejectsCheckpointsOffTheStepGrid() {
        XCTAssertThrowsError(try CheckpointSchedule(unit: "x", batch: 3, end: 36, every: 10).validate(start: 0))
        XCTAssertThrowsError(try CheckpointSchedule(unit: "x", batch: 3, end: 30, every: 12).validate(start: 0))
        XCTAssertThrowsError(try CheckpointSchedule(unit: "x", batch: 3, end: 36, every: 12, keepMomentsAt: [6]).validate(start: 0))
        XCTAssertNoThrow(try CheckpointSchedule(unit: "x", batch: 3, end: 36, every: 12, keepMomentsAt: [24]).validate(start: 0))
    }
}

/// Collects what a run reports.
final class Warnings: WorkProgress {
    var messages: [String] = []
    var resumedFrom = 0
    func start(total: Int, unit: String, resumedFrom done: Int) { resumedFrom = done }
    func advance(by n: Int, metric: (name: String, value: Double)?) {}
    func warn(_ message: String) { messages.append(message) }
}
