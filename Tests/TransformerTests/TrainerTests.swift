import Foundation
import XCTest
import Artifacts
import Linalg
@testable import Transformer

final class TrainerTests: XCTestCase {
    let fixture = TrainingFixture()
    var config: ModelConfig { fixture.config }
    func makeTrainer(threads: Int = 2, seed: UInt64 = 5, frozen: Set<String> = []) throws -> Trainer {
        try fixture.makeTrainer(threads: threads, seed: seed, frozen: frozen)
    }
    func trainSteps(_ trainer: Trainer, _ n: Int) throws -> [Float] { try fixture.trainSteps(trainer, n) }

    func testFirstAdamStepMovesEachParameterByLearningRate() throws {
        let trainer = try makeTrainer()
        trainer.optimizer = AdamWConfig(learningRate: 1e-3, weightDecay: 0)
        let before = trainer.model.parameterValues
        let b = RandomBatchSource(config, batch: 2, length: 6, seed: 1, maskedShare: 0.3)
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
        let before = trainer.model.parameterValues
        let b = RandomBatchSource(config, batch: 1, length: 4, seed: 2, maskedShare: 0.3)
        // All positions masked out: zero gradient, so only decay can move parameters.
        let none = [Bool](repeating: false, count: 4)
        try none.withUnsafeBufferPointer { try trainer.step(b.input, targets: b.targets, mask: $0, batch: 1, length: 4) }
        let model = trainer.model as! GPTModel
        for t in model.parameterTensors {
            let now = model.values(of: t)
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
        let b = RandomBatchSource(config, batch: 4, length: 8, seed: 3, maskedShare: 0.3)
        let first = try trainer.step(b.input, targets: b.targets, mask: b.mask, batch: 4, length: 8)
        var last = first
        for _ in 0..<60 { last = try trainer.step(b.input, targets: b.targets, mask: b.mask, batch: 4, length: 8) }
        XCTAssertLessThan(last, 0.5 * first)
    }

    func testSameSeedGivesIdenticalWeightsOnAnyThreadCount() throws {
        let a = try makeTrainer(threads: 1), b = try makeTrainer(threads: 2), d = try makeTrainer(threads: 3)
        _ = try trainSteps(a, 5); _ = try trainSteps(b, 5); _ = try trainSteps(d, 5)
        XCTAssertEqual(a.model.parameterValues, b.model.parameterValues)
        XCTAssertEqual(a.model.parameterValues, d.model.parameterValues)
        let c = try makeTrainer(seed: 6)
        XCTAssertNotEqual(a.model.parameterValues, c.model.parameterValues)
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

    func testRestoreRejectsAnotherModel() throws {
        let trainer = try makeTrainer()
        var s = trainer.state
        s.tensors[0] = ParameterTensor(name: "other", shape: s.tensors[0].shape, offset: 0, decayed: false)
        XCTAssertThrowsError(try trainer.restore(s))
    }

    func testFrozenTensorsKeepTheirValuesAndLeaveTheNorm() throws {
        let frozen: Set<String> = ["h.0.attn.c_attn.weight", "wpe.weight"]
        let trainer = try makeTrainer(frozen: frozen)
        let before = trainer.model.parameterValues
        _ = try trainSteps(trainer, 3)
        for t in trainer.model.parameterTensors {
            let moved = (t.offset..<(t.offset + t.count)).contains { trainer.model.parameters[$0] != before[$0] }
            XCTAssertEqual(moved, !frozen.contains(t.name), t.name)
        }
        let g = trainer.model.gradients
        let all = g.reduce(0.0) { $0 + Double($1) * Double($1) }
        let frozenPart = trainer.model.parameterTensors.filter { frozen.contains($0.name) }
            .reduce(0.0) { s, t in (t.offset..<(t.offset + t.count)).reduce(s) { $0 + Double(g[$1]) * Double(g[$1]) } }
        XCTAssertGreaterThan(frozenPart, 0)
        XCTAssertEqual(Double(trainer.gradientNorm()), (all - frozenPart).squareRoot(), accuracy: 1e-5 * all.squareRoot())
        XCTAssertThrowsError(try makeTrainer(frozen: ["no.such.tensor"]))
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
