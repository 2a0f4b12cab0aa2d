import XCTest
import Linalg
@testable import Transformer

/// Finite differences against `OneHotAttentionModel`'s backward pass, for both key-position
/// schemes, sequences shorter than the context, a masked loss, and thread counts.
final class OneHotAttentionGradientTests: XCTestCase {
    private struct Batch {
        let tokens: [Int32], targets: [Int32], mask: [Bool], batch: Int, length: Int

        init(vocabulary: Int, batch: Int, length: Int, seed: UInt64) {
            var rng = RNG(seed: seed)
            tokens = (0..<(batch * length)).map { _ in Int32(rng.next() % UInt64(vocabulary)) }
            targets = (0..<(batch * length)).map { _ in Int32(rng.next() % UInt64(vocabulary)) }
            mask = (0..<(batch * length)).map { $0 % 3 != 1 }
            self.batch = batch; self.length = length
        }

        func loss(_ model: OneHotAttentionModel) throws -> Double {
            try tokens.withUnsafeBufferPointer { x in
                try model.forward(.tokens(x), batch: batch, length: length)
            }
            _ = try targets.withUnsafeBufferPointer { t in
                try mask.withUnsafeBufferPointer { m in try model.loss(.tokens(t), mask: m) }
            }
            let active = mask.filter { $0 }.count
            return try model.lossPerPosition().reduce(0.0) { $0 + Double($1) } / Double(active)
        }
    }

    private func check(_ positions: KeyPositions, length: Int, threads: Int = 2) throws -> [Float] {
        let config = OneHotAttentionConfig(vocabulary: 7, context: 5, heads: 2, headSize: 3, positions: positions)
        let model = try OneHotAttentionModel(config: config, seed: 11, threads: threads)
        var noise = RNG(seed: 12)
        for i in model.parameters.indices { model.parameters[i] = Float(noise.gaussian() * 0.6) }
        let batch = Batch(vocabulary: 7, batch: 3, length: length, seed: 13)
        _ = try batch.loss(model)
        model.zeroGradients()
        model.backward()
        let grad = Array(model.gradients)
        var rng = RNG(seed: 14)
        for t in model.parameterTensors {
            try assertFiniteDifferences(t.name, values: model.values(of: t), gradient: Array(grad[t.offset..<(t.offset + t.count)]),
                                        rng: &rng, randomElements: 2, loss: { try batch.loss(model) })
        }
        return grad
    }

    func testRelativeAndAbsoluteKeyPositionsAtFullAndShortLength() throws {
        for positions in KeyPositions.allCases {
            for length in [5, 3] { _ = try check(positions, length: length) }
        }
    }

    func testGradientsDoNotDependOnTheThreadCount() throws {
        XCTAssertEqual(try check(.relative, length: 5, threads: 1), try check(.relative, length: 5, threads: 3))
    }

    func testRelativePositionsSeeOnlyTheOffsetAndAbsoluteOnlyThePlace() throws {
        // The same two tokens at the end of a sequence: under relative keys the last query's
        // scores do not depend on where the pair sits; under absolute keys they do.
        for positions in KeyPositions.allCases {
            let config = OneHotAttentionConfig(vocabulary: 4, context: 6, heads: 1, headSize: 2, positions: positions)
            let model = try OneHotAttentionModel(config: config, seed: 3)
            var noise = RNG(seed: 4)
            for i in model.parameters.indices { model.parameters[i] = Float(noise.gaussian()) }
            func lastRow(_ tokens: [Int32]) throws -> [Float] {
                try tokens.withUnsafeBufferPointer { try model.forward(.tokens($0), batch: 1, length: tokens.count) }
                let att = try model.attention(head: 0, sequence: 0), T = tokens.count
                return Array(att[((T - 1) * T + T - 2)..<(T * T)])
            }
            let short = try lastRow([1, 2]), long = try lastRow([3, 3, 3, 1, 2])
            if positions == .relative {
                XCTAssertGreaterThan(abs(short[0] - long[0]) + abs(short[1] - long[1]), 0, "other keys share the softmax")
                // With all-equal earlier keys removed the ratio of the last two weights is what positions decide.
                XCTAssertEqual(short[1] / short[0], long[1] / long[0], accuracy: 1e-5)
            } else {
                XCTAssertNotEqual(short[1] / short[0], long[1] / long[0], accuracy: 1e-5)
            }
        }
    }
}
