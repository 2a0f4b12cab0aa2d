import Foundation
import XCTest
import Artifacts
import Linalg
@testable import Transformer

final class TrainerTests: XCTestCase {
    let fixture = TrainingFixture()
    var config: ModelConfig { fixture.config }
    func makeTrainer(threads: Int = 2, seed: UInt64 = 5) throws -> Trainer { try fixture.makeTrainer(threads: threads, seed: seed) }
    func trainSteps(_ trainer: Trainer, _ n: Int) throws -> [Float] { try fixture.trainSteps(trainer, n) }

    func testFirstAdamStepMovesEachParameterByLearningRate() throws {
        let trainer = try makeTrainer()
        trainer.optimizer = AdamWConfig(learningRate: 1e-3, weightDecay: 0)
        let before = Array(trainer.model.parameters)
        let b = RandomBatch(config, batch: 2, length: 6, seed: 1)
        try trainer.step(b.input, targets: b.targets, mask: b.mask, batch: 2, length: 6)
        let g = trainer.model.gradients, after = trainer.model.parameters
        for i in before.indices where abs(g[i]) > 1e-4 {
            // Bias-corrected first step: m/(sqrt(v)+eps) = g/(|g|+eps) = sign(g).
            XCTAssertEqual(Double(before[i] - after[i]), 1e-3 * Double(g[i].sign == .minus ? -1 : 1), accuracy: 2e-6)
        }
    }

    func testWeightDecayOnlyOnLinearWeights() throws {
        let trainer = try makeTrainer()
        trainer.optimizer = AdamWConfig(learningRate: 0.1, weightDecay: 0.5)
        let before = Array(trainer.model.parameters)
        let b = RandomBatch(config, batch: 1, length: 4, seed: 2)
        // All positions masked out: zero gradient, so only decay can move parameters.
        try trainer.step(b.input, targets: b.targets, mask: [Bool](repeating: false, count: 4), batch: 1, length: 4)
        for t in trainer.model.parameterTensors {
            let now = trainer.model.values(of: t)
            for i in 0..<t.count {
                let expected = t.decayed ? before[t.offset + i] * (1 - 0.1 * 0.5) : before[t.offset + i]
                XCTAssertEqual(now[i], expected, "\(t.name)[\(i)]")
            }
        }
        XCTAssertEqual(Set(trainer.model.parameterTensors.filter(\.decayed).map(\.name)),
                       ["read_in.weight", "h.0.attn.c_attn.weight", "h.0.attn.c_proj.weight", "h.0.mlp.c_fc.weight",
                        "h.0.mlp.c_proj.weight", "h.1.attn.c_attn.weight", "h.1.attn.c_proj.weight",
                        "h.1.mlp.c_fc.weight", "h.1.mlp.c_proj.weight", "read_out.weight"])
    }

    func testTrainingReducesLossOnAFixedBatch() throws {
        let trainer = try makeTrainer()
        let b = RandomBatch(config, batch: 4, length: 8, seed: 3)
        let first = try trainer.step(b.input, targets: b.targets, mask: b.mask, batch: 4, length: 8)
        var last = first
        for _ in 0..<60 { last = try trainer.step(b.input, targets: b.targets, mask: b.mask, batch: 4, length: 8) }
        XCTAssertLessThan(last, 0.5 * first)
    }

    func testSameSeedSameThreadsGivesIdenticalWeights() throws {
        let a = try makeTrainer(), b = try makeTrainer()
        _ = try trainSteps(a, 5); _ = try trainSteps(b, 5)
        XCTAssertEqual(Array(a.model.parameters), Array(b.model.parameters))
        let c = try makeTrainer(seed: 6)
        XCTAssertNotEqual(Array(a.model.parameters), Array(c.model.parameters))
    }

    func testResumeFromStateIsBitIdentical() throws {
        let straight = try makeTrainer()
        let lossesStraight = try trainSteps(straight, 6)

        let first = try makeTrainer()
        let lossesFirst = try trainSteps(first, 3)
        let saved = first.state
        let resumed = try makeTrainer(seed: 99)   // different init: everything must come from the state
        try resumed.restore(saved)
        let lossesResumed = try trainSteps(resumed, 3)

        XCTAssertEqual(lossesFirst + lossesResumed, lossesStraight)
        XCTAssertEqual(resumed.state, straight.state)
    }

    func testRestoreRejectsAnotherConfig() throws {
        let trainer = try makeTrainer()
        var s = trainer.state
        s.config.width = 8
        XCTAssertThrowsError(try trainer.restore(s))
    }

    func testCosineScheduleWarmsUpAndDecays() {
        let s = LearningRateSchedule.cosine(warmup: 10, total: 110, minFactor: 0.1)
        XCTAssertEqual(s.factor(at: 0), 0.1, accuracy: 1e-6)
        XCTAssertEqual(s.factor(at: 9), 1, accuracy: 1e-6)
        XCTAssertEqual(s.factor(at: 60), 0.55, accuracy: 1e-6)
        XCTAssertEqual(s.factor(at: 110), 0.1, accuracy: 1e-6)
        XCTAssertEqual(s.factor(at: 500), 0.1, accuracy: 1e-6)
    }
}

final class CheckpointTests: XCTestCase {
    func testTrainSaveLoadTrainEqualsStraightTraining() throws {
        let t = TrainingFixture()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toyworld-ckpt-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("trainer.h5")

        let straight = try t.makeTrainer()
        let lossesStraight = try t.trainSteps(straight, 6)
        let first = try t.makeTrainer()
        let lossesFirst = try t.trainSteps(first, 3)
        try first.saveCheckpoint(to: url)

        XCTAssertEqual(try Checkpoint.readConfig(from: url), t.config)
        let file = try ArtifactFile.open(url)
        XCTAssertEqual(try file.shape("params/h.1.attn.c_attn.weight"), [48, 16])
        XCTAssertEqual(try file.shape("adamw/v/read_out.bias"), [3])
        file.close()

        let resumed = try t.makeTrainer(seed: 77)
        try resumed.loadCheckpoint(from: url)
        let lossesResumed = try t.trainSteps(resumed, 3)
        XCTAssertEqual(lossesFirst + lossesResumed, lossesStraight)
        XCTAssertEqual(resumed.state, straight.state)
    }

    func testMissingCheckpointThrows() {
        XCTAssertThrowsError(try Checkpoint.read(from: URL(fileURLWithPath: "/nonexistent/ckpt.h5")))
    }
}
