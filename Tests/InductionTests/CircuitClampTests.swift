import XCTest
import Linalg
import Transformer
@testable import Induction

/// Each circuit clamp does in the forward pass what spec §6.3 says, and training under it
/// leaves what it bypasses untouched. (The gradients of every intervention mode are checked
/// by finite differences in `AttentionOnlyGradientTests`.)
final class CircuitClampTests: XCTestCase {
    let world = FewShotWorld(settings: .init(classes: 12, testClasses: 4, labels: 5, exemplarSize: 8, heldOutPairs: 2, sharedShare: 0.5), seed: 2)
    let config = AttentionOnlyConfig(layers: 2, width: 16, heads: 4, context: 5, exemplarSize: 8, labels: 5, positions: .rope)

    /// A model under `clamp` (only L2 head 1 active, PT head 2, IH head 1) after one forward
    /// and backward pass on a batch of 6.
    func run(_ clamp: CircuitClamp, threads: Int = 1) throws -> (AttentionOnlyModel, FewShotBatchSource) {
        let model = try AttentionOnlyModel(config: config, seed: 3, threads: threads)
        let source = FewShotBatchSource(world: world, batch: 6, seed: 4)
        source.fill(step: 0, threads: 1)
        try model.intervene(clamp.interventions(heads: 4, active: .only(1), previousTokenHead: 2, inductionHead: 1, batch: source.buffers))
        try model.forward(source.input, batch: 6, length: 5)
        _ = try model.loss(source.targets, mask: source.mask)
        model.zeroGradients()
        model.backward()
        return (model, source)
    }

    func norm(_ model: AttentionOnlyModel, _ name: String, rows: Range<Int>? = nil) -> Float {
        let t = model.tensor(named: name)!, g = model.gradient(of: t), w = t.shape.dropFirst().reduce(1, *)
        return (rows.map { ($0.lowerBound * w)..<($0.upperBound * w) } ?? 0..<t.count).reduce(0) { $0 + g[$1] * g[$1] }
    }

    func testInactiveHeadsGetNoGradientUnderEveryClamp() throws {
        for clamp in CircuitClamp.allCases {
            let (model, _) = try run(clamp)
            for part in ["q", "k", "v"] {
                XCTAssertEqual(norm(model, "layers.1.attn.\(part).weight", rows: 0..<4), 0, "\(clamp): head 0's \(part)")
                XCTAssertEqual(norm(model, "layers.1.attn.\(part).weight", rows: 8..<16), 0, "\(clamp): heads 2, 3's \(part)")
            }
        }
    }

    func testStepOneFixesThePreviousTokenPattern() throws {
        let (model, _) = try run(.step1)
        let att = try model.pattern(layer: 0)
        for b in 0..<6 {
            for i in 0..<5 { for j in 0..<5 { XCTAssertEqual(att[((b * 4 + 2) * 5 + i) * 5 + j], j == max(0, i - 1) ? 1 : 0) } }
        }
    }

    func testMatchPutsTheWholeQueryRowOnTheTargetLabel() throws {
        let (model, source) = try run(.match)
        let att = try model.pattern(layer: 1)
        for (b, s) in source.sequences.enumerated() {
            for j in 0..<5 { XCTAssertEqual(att[((b * 4 + 1) * 5 + 4) * 5 + j], j == s.targetPosition ? 1 : 0) }
        }
    }

    func testCopyReadsTheLogitsFromTheInductionHeadsScores() throws {
        for clamp in [CircuitClamp.copy, .layer1Copy] {
            let (model, source) = try run(clamp)
            for (b, s) in source.sequences.enumerated() {
                let row = Array(try model.queryLogits(sequence: b))
                for label in 0..<5 {
                    let inContext = label == s.firstLabel || label == s.secondLabel
                    XCTAssertEqual(row[label] == -1e9, !inContext, "\(clamp): sequence \(b) label \(label) logit \(row[label])")
                }
            }
            XCTAssertEqual(norm(model, "unembed.weight"), 0, "\(clamp): the unembedding is bypassed")
            XCTAssertEqual(norm(model, "layers.1.attn.v.weight"), 0, "\(clamp): values are bypassed")
        }
    }

    func testLayerOneClampsBypassLayerOne() throws {
        for clamp in [CircuitClamp.layer1, .layer1Copy] {
            let (model, _) = try run(clamp)
            for part in ["q", "k", "v", "o"] { XCTAssertEqual(norm(model, "layers.0.attn.\(part).weight"), 0, "\(clamp): L1 \(part)") }
            XCTAssertGreaterThan(norm(model, "layers.1.attn.q.weight", rows: 4..<8), 0, "\(clamp): the active head's queries learn")
        }
    }

    func testEvaluatorReadsAPerfectInductionPatternAsStrengthOne() throws {
        let model = try AttentionOnlyModel(config: config, seed: 3)
        let sequences = FewShotEvaluation.draw(.train, count: 10, world: world, seed: 1)
        let eval = FewShotEvaluation(world: world, sequences: sequences, batchSize: 4)
        let result = try eval.run(model) {
            CircuitClamp.match.interventions(heads: 4, active: .all(4), previousTokenHead: 2, inductionHead: 1, batch: $0)
        }
        XCTAssertEqual(result.strength[1], 1, accuracy: 1e-12)
        XCTAssertLessThan(abs(result.strength[0]), 1)
    }

    func testTrainingIsTheSameOnOneAndTwoThreads() throws {
        func train(threads: Int) throws -> [Float] {
            let model = try AttentionOnlyModel(config: config, seed: 5, threads: threads)
            let source = FewShotBatchSource(world: world, batch: 160, seed: 6)
            try model.intervene(CircuitClamp.layer1Copy.interventions(heads: 4, active: .all(4), previousTokenHead: 2, inductionHead: 1,
                                                                      batch: source.buffers))
            let trainer = try Trainer(model: model, optimizer: AdamWConfig(learningRate: 1e-3, weightDecay: 0))
            for step in 0..<5 {
                source.fill(step: step, threads: threads)
                try trainer.step(source.input, targets: source.targets, mask: source.mask, batch: 160, length: 5)
            }
            return model.parameterValues
        }
        let one = try train(threads: 1), two = try train(threads: 2)
        XCTAssertEqual(one, two)
        XCTAssertNotEqual(one, try AttentionOnlyModel(config: config, seed: 5).parameterValues, "training moved the parameters")
    }
}
