import XCTest
import Linalg
@testable import Transformer

/// Central finite differences against the hand-written backward pass, in float32.
///
/// Tolerances: the forward pass runs in float32, so the loss carries rounding noise of
/// about 1e-7 relative (measured: about 1e-4 absolute on the difference quotient at h = 2e-3).
/// The O(h^2) truncation error at h = 2e-3 is below 1e-3 relative (at h = 1e-2 it reached
/// 0.9%). Directional derivatives must agree to 3e-3 relative (absolute floor 3e-4); single
/// elements with |grad| > 1e-3 to 1e-2 relative plus 5e-4. A 2% error in the softmax
/// backward of the queries and keys fails this test; it passes the 1e-2 tolerance of the
/// whole-tensor check, hence the split of `c_attn` into q, k, v.
final class GradientTests: XCTestCase {
    func check(_ config: ModelConfig, seed: UInt64, batch B: Int = 2, length T: Int = 5, threads: Int = 2,
               file: StaticString = #filePath, line: UInt = #line) throws {
        let model = try GPTModel(config: config, seed: seed, threads: threads)
        model.perturbParameters(std: 0.3, seed: seed + 1)
        let batch = RandomBatchSource(config, batch: B, length: T, seed: seed + 2, maskedShare: 0.3)
        _ = try model.preciseLoss(batch)
        model.zeroGradients()
        model.backward()
        let grad = Array(model.gradients)
        var rng = RNG(seed: seed + 3)

        for t in pieces(model) {
            let g = Array(grad[t.offset..<(t.offset + t.count)])
            let gNorm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if t.name.hasSuffix("c_attn.bias[k]") {
                // A key bias shifts every score of a query row equally: softmax ignores it.
                XCTAssertLessThan(gNorm, 1e-5, "\(t.name) should have no gradient", file: file, line: line)
                continue
            }
            XCTAssertGreaterThan(gNorm, 0, "\(t.name) has a zero gradient", file: file, line: line)
            try assertFiniteDifferences(t.name, values: UnsafeMutableBufferPointer(rebasing: model.parameters[t.offset..<(t.offset + t.count)]),
                                        gradient: g, rng: &rng, randomElements: 2, loss: { try model.preciseLoss(batch) },
                                        file: file, line: line)
        }
    }

    struct Piece { let name: String; let offset: Int; let count: Int }

    /// Every tensor, with `c_attn` split into its query, key and value thirds: the value part
    /// dominates their joint gradient and would hide errors in the other two.
    func pieces(_ model: GPTModel) -> [Piece] {
        model.parameterTensors.flatMap { t -> [Piece] in
            guard t.name.contains("c_attn") else { return [Piece(name: t.name, offset: t.offset, count: t.count)] }
            let third = t.count / 3
            return ["q", "k", "v"].enumerated().map { i, part in
                Piece(name: "\(t.name)[\(part)]", offset: t.offset + i * third, count: third)
            }
        }
    }

    func testContinuousRegressionWithMLP() throws {
        try check(ModelConfig(layers: 2, width: 8, heads: 2, context: 6, input: .continuous(3),
                              output: .regression(2), mlp: true), seed: 11)
    }

    func testTokensLogitsAttentionOnly() throws {
        try check(ModelConfig(layers: 2, width: 8, heads: 2, context: 5, input: .tokens(7),
                              output: .logits(7), mlp: false), seed: 21)
    }

    func testTokensLogitsWithMLPOneHead() throws {
        try check(ModelConfig(layers: 1, width: 6, heads: 1, context: 8, input: .tokens(5),
                              output: .logits(9), mlp: true), seed: 31)
    }

    /// Longer than the attention kernels' 64-row block, so the blocked causal products and
    /// their diagonal blocks are exercised.
    func testSequenceSpanningSeveralAttentionBlocks() throws {
        try check(ModelConfig(layers: 1, width: 8, heads: 2, context: 140, input: .tokens(6),
                              output: .logits(6), mlp: true), seed: 51, batch: 1, length: 137)
    }

    /// One worker runs all four (sequence, head) pairs through its single score-gradient scratch.
    func testPairsSharingOneWorkersScratch() throws {
        try check(ModelConfig(layers: 1, width: 8, heads: 2, context: 140, input: .tokens(6),
                              output: .logits(6), mlp: false), seed: 71, batch: 2, length: 137, threads: 1)
    }

    /// The per-worker scratch outlives each call: a backward pass after one on other data must
    /// give the same bits as on a fresh model.
    func testBackwardDoesNotDependOnEarlierCalls() throws {
        let config = ModelConfig(layers: 1, width: 8, heads: 2, context: 140, input: .tokens(6),
                                 output: .logits(6), mlp: false)
        func gradient(after earlier: RandomBatchSource?) throws -> [Float] {
            let model = try GPTModel(config: config, seed: 61, threads: 2)
            if let earlier { _ = try model.preciseLoss(earlier); model.backward() }
            let batch = RandomBatchSource(config, batch: 3, length: 137, seed: 62, maskedShare: 0.3)
            _ = try model.preciseLoss(batch)
            model.zeroGradients()
            model.backward()
            return Array(model.gradients)
        }
        let fresh = try gradient(after: nil)
        let reused = try gradient(after: RandomBatchSource(config, batch: 3, length: 137, seed: 63, maskedShare: 0.3))
        XCTAssertEqual(fresh, reused)
    }

    func testContinuousRegressionAttentionOnly() throws {
        try check(ModelConfig(layers: 1, width: 12, heads: 3, context: 5, input: .continuous(4),
                              output: .regression(3), mlp: false), seed: 41)
    }
}
