import XCTest
import Artifacts
import Pipeline
import Transformer
@testable import LinearSystems

final class TrainStageTests: XCTestCase {
    private var harness: StageHarness!
    private var library: URL!

    override func setUpWithError() throws {
        harness = try StageHarness()
        library = try harness.library("library.h5", seed: 4)
    }

    override func tearDown() { harness = nil }

    struct Interrupted: Error {}

    private func train(_ file: String, work: String, _ extra: [String: ParamValue] = [:], from: URL? = nil,
                       afterCheckpoint: (Int) throws -> Void = { _ in }) throws -> URL {
        try harness.train(file, work: work, library: library, extra, from: from, afterCheckpoint: afterCheckpoint)
    }

    private func state(_ run: URL, _ examples: Int) throws -> Trainer.State {
        let file = try ArtifactFile.open(run)
        defer { file.close() }
        return try TrainingRunArtifact.state(file, examples: examples, scratch: harness.directory)
    }

    func testRunWritesCheckpointsAndLossCurve() throws {
        let run = try train("run.h5", work: "w")
        let file = try ArtifactFile.open(run)
        XCTAssertEqual(try TrainingRunArtifact.checkpointExamples(file), [0, 16, 32, 48, 64])
        let loss = try file.read("tables/loss", as: Double.self)
        XCTAssertEqual(loss.shape, [8, 2])
        XCTAssertEqual(stride(from: 0, to: 16, by: 2).map { loss.values[$0] }, (1...8).map { Double(8 * $0) })
        XCTAssertTrue(stride(from: 1, to: 16, by: 2).allSatisfy { loss.values[$0].isFinite && loss.values[$0] > 0 })
        let first = try state(run, 0), last = try state(run, 64)
        XCTAssertEqual(first.step, 0); XCTAssertEqual(last.step, 8)
        XCTAssertNotEqual(first.parameters, last.parameters)
    }

    func testResumeAfterInterruptionIsBitIdentical() throws {
        let straight = try train("straight.h5", work: "straight")
        XCTAssertThrowsError(try train("killed.h5", work: "resumed") { if $0 == 16 { throw Interrupted() } })
        XCTAssertFalse(FileManager.default.fileExists(atPath: harness.url("killed.h5").path))
        var reached: [Int] = []
        let resumed = try train("resumed.h5", work: "resumed") { reached.append($0) }
        XCTAssertEqual(reached, [32, 48, 64], "the rerun starts from the checkpoint at 16 examples")
        let a = try state(straight, 64), b = try state(resumed, 64)
        XCTAssertEqual(a.parameters, b.parameters)
        XCTAssertEqual(a.firstMoment, b.firstMoment)
        XCTAssertEqual(a.secondMoment, b.secondMoment)
        let la = try ArtifactFile.open(straight).read("tables/loss", as: Double.self).values
        XCTAssertEqual(la, try ArtifactFile.open(resumed).read("tables/loss", as: Double.self).values)
    }

    func testRestartRestoresModelAndAdamWState() throws {
        let source = try train("r1.h5", work: "r1")
        // Same mode and seed from the checkpoint at 32: only a faithful restore of the AdamW
        // moments and step reproduces the source's weights at 64.
        let same = try train("same.h5", work: "same", ["restart_at": .int(32)], from: source)
        XCTAssertEqual(try state(same, 32), try state(source, 32))
        XCTAssertEqual(try state(same, 64).parameters, try state(source, 64).parameters)
        let masked = try train("masked.h5", work: "masked", ["restart_at": .int(32), "mode": .string("masked-backstory")],
                               from: source)
        let file = try ArtifactFile.open(masked)
        XCTAssertEqual(try TrainingRunArtifact.checkpointExamples(file), [32, 48, 64])
        XCTAssertEqual(try file.attribute("restart_at"), .int(32))
        XCTAssertEqual(try file.read("tables/loss", as: Double.self).shape, [4, 2])
        XCTAssertNotEqual(try state(masked, 64).parameters, try state(source, 64).parameters, "the data changed")
        XCTAssertThrowsError(try train("bad.h5", work: "bad", ["restart_at": .int(24)], from: source))
        XCTAssertThrowsError(try train("bad2.h5", work: "bad2", ["restart_at": .int(32), "width": .int(32)], from: source))
    }

    func testRejectsCheckpointsOffTheStepGrid() throws {
        XCTAssertThrowsError(try train("x.h5", work: "x", ["checkpoint_every": .int(12)]))
        XCTAssertThrowsError(try train("y.h5", work: "y", ["examples": .int(72)]))
        XCTAssertThrowsError(try train("z.h5", work: "z", ["restart_at": .int(32)]), "restart_at without `from`")
    }
}
