import XCTest
import Linalg
@testable import Transformer

final class ActivationSiteTests: XCTestCase {
    func testZeroedLastBlockGivesReadOutOfFinalNormBias() throws {
        let c = ModelConfig(layers: 2, width: 8, heads: 2, context: 4, input: .continuous(3), output: .regression(2))
        let model = try GPTModel(config: c, seed: 1)
        model.perturbParameters(std: 0.5, seed: 2)
        let b = RandomBatchSource(c, batch: 2, length: 4, seed: 3, maskedShare: 0.3)
        model.activationHook = { view in
            if view.site == .blockOutput(layer: 1) { view.values.update(repeating: 0) }
        }
        try model.forward(b.input, batch: 2, length: 4)
        // ln_f of a zero row is its bias, so every position predicts W_out * b_lnf + b_out.
        let w = model.values(of: model.tensor(named: "read_out.weight")!)
        let bo = model.values(of: model.tensor(named: "read_out.bias")!)
        let bl = model.values(of: model.tensor(named: "ln_f.bias")!)
        for pos in 0..<8 {
            for o in 0..<2 {
                var expected = bo[o]
                for j in 0..<8 { expected += w[o * 8 + j] * bl[j] }
                XCTAssertEqual(model.predictions[pos * 2 + o], expected, accuracy: 1e-5)
            }
        }
    }

    func testSitesHaveDocumentedShapesAndReadingChangesNothing() throws {
        let c = ModelConfig(layers: 2, width: 8, heads: 2, context: 5, input: .tokens(6), output: .logits(6), mlp: false)
        let model = try GPTModel(config: c, seed: 4)
        let b = RandomBatchSource(c, batch: 3, length: 5, seed: 5, maskedShare: 0.3)
        try model.forward(b.input, batch: 3, length: 5)
        let plain = Array(model.predictions)
        var seen: [ActivationSite: [Int]] = [:]
        model.activationHook = { view in
            seen[view.site] = view.shape
            XCTAssertEqual(view.values.count, view.shape.reduce(1, *))
            if case .attentionPattern = view.site {
                // Rows are causal probability distributions.
                let T = 5
                for row in 0..<(view.values.count / T) {
                    let r = view.values[(row * T)..<(row * T + T)]
                    XCTAssertEqual(Double(r.reduce(0, +)), 1, accuracy: 1e-5)
                    XCTAssertTrue(r.dropFirst(row % T + 1).allSatisfy { $0 == 0 })
                }
            }
        }
        try model.forward(b.input, batch: 3, length: 5)
        XCTAssertEqual(Array(model.predictions), plain)
        XCTAssertEqual(seen[.embedding], [3, 5, 8])
        XCTAssertEqual(seen[.attentionOutput(layer: 1)], [3, 5, 8])
        XCTAssertEqual(seen[.blockOutput(layer: 0)], [3, 5, 8])
        XCTAssertEqual(seen[.attentionPattern(layer: 1)], [3, 2, 5, 5])
    }

    func testAttendingOnlyToTheFirstTokenMixesItsValue() throws {
        // One attention-only layer: if every query attends to position 0 only, the attention
        // output at every position equals the output at position 0.
        let c = ModelConfig(layers: 1, width: 8, heads: 2, context: 4, input: .tokens(5), output: .logits(5), mlp: false)
        let model = try GPTModel(config: c, seed: 6)
        let b = RandomBatchSource(c, batch: 1, length: 4, seed: 7, maskedShare: 0.3)
        var attention: [Float] = []
        model.activationHook = { view in
            switch view.site {
            case .attentionPattern:
                for row in 0..<(view.values.count / 4) {
                    for j in 0..<4 { view.values[row * 4 + j] = j == 0 ? 1 : 0 }
                }
            case .attentionOutput: attention = Array(view.values)
            default: break
            }
        }
        try model.forward(b.input, batch: 1, length: 4)
        for t in 1..<4 { XCTAssertEqual(Array(attention[(t * 8)..<(t * 8 + 8)]), Array(attention[0..<8])) }
    }
}
