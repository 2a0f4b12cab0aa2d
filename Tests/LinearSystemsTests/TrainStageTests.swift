import Foundation
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

    private func train(_ file: String, work: String, _ extra: [String: ParamValue] = [:], from: URL? = nil,
                       threads: Int = 2) throws -> URL {
        try harness.train(file, work: work, library: library, extra, from: from, threads: threads)
    }

    func testRunWritesCheckpointsAndLossCurve() throws {
        let run = try train("run.h5", work: "w", ["keep_moments_at": .list([.int(32)])])
        let artifact = try TrainingRunArtifact(run)
        XCTAssertEqual(artifact.counts, [0, 16, 32, 48, 64])
        XCTAssertEqual(artifact.unit, "examples")
        let loss = try artifact.lossTable()
        XCTAssertEqual(loss.shape, [8, 3])
        XCTAssertEqual((0..<8).map { loss.values[3 * $0 + 1] }, (1...8).map { Double(8 * $0) })
        XCTAssertTrue((0..<8).allSatisfy { loss.values[3 * $0 + 2].isFinite && loss.values[3 * $0 + 2] > 0 })
        XCTAssertNotEqual(try artifact.parameters(at: 0), try artifact.parameters(at: 64))
        XCTAssertEqual(try artifact.state(at: 32).step, 4)
        XCTAssertThrowsError(try artifact.state(at: 64), "moments are kept only where declared")
    }

    /// A run killed after the checkpoint at 32 examples leaves its work directory as a shorter
    /// run to 32 does; the rerun resumes there and writes the same bytes.
    func testResumeAfterInterruptionIsBitIdentical() throws {
        let straight = try train("straight.h5", work: "straight")
        _ = try train("killed.h5", work: "resumed", ["examples": .int(32)])
        let resumed = try train("resumed.h5", work: "resumed", threads: 1)
        XCTAssertEqual(try Data(contentsOf: straight), try Data(contentsOf: resumed))
    }

    func testOneAndTwoThreadsWriteIdenticalArtifacts() throws {
        let one = try train("one.h5", work: "one", threads: 1), two = try train("two.h5", work: "two", threads: 2)
        XCTAssertEqual(try Data(contentsOf: one), try Data(contentsOf: two))
    }

    func testRestartRestoresModelAndAdamWState() throws {
        let source = try train("r1.h5", work: "r1", ["keep_moments_at": .list([.int(32)])])
        // Same mode and seed from the checkpoint at 32: only a faithful restore of the AdamW
        // moments and step reproduces the source's weights at 64.
        let same = try TrainingRunArtifact(try train("same.h5", work: "same", ["restart_at": .int(32)], from: source))
        let original = try TrainingRunArtifact(source)
        XCTAssertEqual(try same.parameters(at: 32), try original.parameters(at: 32))
        XCTAssertEqual(try same.parameters(at: 64), try original.parameters(at: 64))
        let masked = try train("masked.h5", work: "masked", ["restart_at": .int(32), "mode": .string("masked-backstory")],
                               from: source)
        let file = try ArtifactFile.open(masked)
        XCTAssertEqual(try TrainingRunArtifact(masked).counts, [32, 48, 64])
        XCTAssertEqual(try file.attribute("restart_at"), .int(32))
        XCTAssertEqual(try file.read("tables/loss", as: Double.self).shape, [4, 3])
        XCTAssertNotEqual(try TrainingRunArtifact(masked).parameters(at: 64), try original.parameters(at: 64), "the data changed")
        XCTAssertThrowsError(try train("bad.h5", work: "bad", ["restart_at": .int(16)], from: source)) { error in
            XCTAssertTrue("\(error)".contains("keeps no optimizer moments"), "\(error)")
        }
        XCTAssertThrowsError(try train("bad2.h5", work: "bad2", ["restart_at": .int(32), "width": .int(32)], from: source))
    }

    func testRejectsCheckpointsOffTheStepGrid() throws {
        XCTAssertThrowsError(try train("x.h5", work: "x", ["checkpoint_every": .int(12)]))
        XCTAssertThrowsError(try train("y.h5", work: "y", ["examples": .int(72)]))
        XCTAssertThrowsError(try train("z.h5", work: "z", ["restart_at": .int(32)]), "restart_at without `from`")
    }
}
