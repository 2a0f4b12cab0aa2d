import XCTest
@testable import Transformer

/// The roofline's work counts against the models' own parameter layouts.
final class StepWorkTests: XCTestCase {
    /// Every weight matrix multiplies every row forward and twice backward (6 flops per entry and
    /// row), the data read-in only once backward (4); attention adds 12 flops per query-key pair
    /// of the causal triangle and channel; AdamW moves 7 floats per parameter.
    func testGPTProductsAreTheModelsWeightMatricesPlusCausalAttention() throws {
        let configs = [
            ModelConfig(layers: 3, width: 16, heads: 4, context: 9, input: .continuous(5), output: .regression(3)),
            ModelConfig(layers: 2, width: 8, heads: 1, context: 9, input: .tokens(11), output: .logits(11), mlp: false),
        ]
        for c in configs {
            let model = try GPTModel(config: c, seed: 1)
            let B = 3, T = 7, N = Double(B * T)
            let weights = model.parameterTensors.filter(\.decayed).reduce(0.0) { sum, t in
                sum + (t.name == "read_in.weight" ? 4 : 6) * N * Double(t.count)
            }
            let attention = Double(c.layers) * 12 * Double(B) * Double(T * (T + 1) / 2) * Double(c.width)
            let work = StepWork.gpt(c, batch: B, length: T)
            XCTAssertEqual(work.flops, weights + attention, accuracy: 1e-9 * work.flops)
            XCTAssertEqual(work[.optimizer].bytes, 28 * Double(model.parameters.count))
        }
    }

    func testAttentionOnlyProductsReadOutWhereTheModelDoes() throws {
        for readout in ReadoutPositions.allCases {
            let c = AttentionOnlyConfig(layers: 2, width: 8, heads: 2, context: 5, exemplarSize: 6, labels: 9, positions: .learned,
                                        readout: readout, unembeddingBias: true)
            let model = try AttentionOnlyModel(config: c, seed: 1)
            let B = 4, T = 5, rows = readout == .last ? B : B * T
            var expected = Double(c.layers) * 12 * Double(B) * Double(T * (T + 1) / 2) * Double(c.width)
            for t in model.parameterTensors where t.decayed {
                switch t.name {
                case "embed.exemplar.weight": expected += 4 * Double(B * ((T + 1) / 2) * t.count)
                case "unembed.weight": expected += 6 * Double(rows * t.count)
                default: expected += 6 * Double(B * T * t.count)
                }
            }
            let work = StepWork.attentionOnly(c, batch: B, length: T)
            XCTAssertEqual(work.flops, expected, accuracy: 1e-9 * expected, "\(readout)")
            XCTAssertEqual(work[.optimizer].bytes, 28 * Double(model.parameters.count))
        }
    }

    /// The one-hot model's only weight product is the read-out table (`output`, [V, H*d_h]) at
    /// every position; attention adds 18 flops per causal pair and channel (token and position
    /// scores); AdamW covers every table.
    func testOneHotAttentionReadsOutEveryPositionAndScoresPositionKeys() throws {
        let c = OneHotAttentionConfig(vocabulary: 13, context: 6, heads: 2, headSize: 4, positions: .relative)
        let model = try OneHotAttentionModel(config: c, seed: 1)
        let B = 3, T = 6
        let readOut = try XCTUnwrap(model.parameterTensors.first { $0.name == "output" })
        let expected = 6 * Double(B * T * readOut.count) + 18 * Double(B * T * (T + 1) / 2) * Double(c.heads * c.headSize)
        let work = StepWork.oneHotAttention(c, batch: B, length: T)
        XCTAssertEqual(work.flops, expected, accuracy: 1e-9 * expected)
        XCTAssertEqual(work[.optimizer].bytes, 28 * Double(model.parameters.count))
    }
}
