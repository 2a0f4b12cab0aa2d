import Foundation
import XCTest
import Linalg
@testable import Transformer

extension GPTModel {
    /// Adds N(0, std) noise to every parameter, so that biases and layer norms are not at
    /// their special initial values in gradient tests.
    func perturbParameters(std: Double, seed: UInt64) {
        var rng = RNG(seed: seed)
        let p = parameters
        for i in p.indices { p[i] += Float(rng.gaussian() * std) }
    }

    /// The loss in double precision from the per-position float losses (less rounding than
    /// the Float returned by `loss`).
    func preciseLoss(_ b: RandomBatchSource) throws -> Double {
        try forward(b.input, batch: b.batchSize, length: b.length)
        _ = try loss(b.targets, mask: b.mask)
        let active = b.maskValues.filter { $0 }.count
        return lossPerPosition.reduce(0.0) { $0 + Double($1) } / Double(active)
    }
}

/// A small continuous-in / regression-out trainer and its counter-based data stream.
struct TrainingFixture {
    let config = ModelConfig(layers: 2, width: 16, heads: 2, context: 8, input: .continuous(5),
                             output: .regression(3), mlp: true)

    func makeModel(threads: Int = 2, seed: UInt64 = 5) throws -> GPTModel {
        try GPTModel(config: config, seed: seed, threads: threads)
    }

    func makeTrainer(threads: Int = 2, seed: UInt64 = 5, frozen: Set<String> = []) throws -> Trainer {
        try Trainer(model: try makeModel(threads: threads, seed: seed),
                    optimizer: AdamWConfig(learningRate: 1e-2, weightDecay: 0.1, clipNorm: 1), frozen: frozen)
    }

    func makeSource(seed: UInt64 = 5) -> RandomBatchSource {
        RandomBatchSource(config, batch: 3, length: 8, seed: seed, maskedShare: 0.3)
    }

    /// `n` steps on the batches the trainer's step count selects, as a training run draws them.
    func trainSteps(_ trainer: Trainer, _ n: Int, source: RandomBatchSource? = nil) throws -> [Float] {
        let data = source ?? makeSource()
        return try (0..<n).map { _ in
            data.fill(step: trainer.stepCount)
            return try trainer.step(data.input, targets: data.targets, mask: data.mask, batch: 3, length: 8)
        }
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let url: URL
    init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("toyworld-\(name)-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Central finite differences of `loss` with respect to `values` (one tensor, or a part of
/// one) against `g`, the backward pass's gradient there: the directional derivative along the
/// unit gradient plus a unit random vector (errors in any component move it) within 3e-3
/// relative (floor 3e-4), and the three largest elements and `randomElements` random ones
/// with |g| > 1e-3 within 1e-2 relative plus 5e-4. Step 2e-3; tolerances: `GradientTests`.
func assertFiniteDifferences(_ name: String, values: UnsafeMutableBufferPointer<Float>, gradient g: [Float], rng: inout RNG,
                             randomElements: Int, loss: () throws -> Double,
                             file: StaticString = #filePath, line: UInt = #line) throws {
    let h: Float = 2e-3
    func lossAfter(_ direction: [Float], _ step: Float) throws -> Double {
        let saved = Array(values)
        for i in values.indices { values[i] += step * direction[i] }
        defer { for i in values.indices { values[i] = saved[i] } }
        return try loss()
    }
    let n = values.count
    let gNorm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let r = (0..<n).map { _ in Float(rng.gaussian()) }
    let rNorm = r.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let d = (0..<n).map { g[$0] / max(gNorm, 1e-20) + r[$0] / rNorm }
    let expected = zip(g, d).reduce(0.0) { $0 + Double($1.0 * $1.1) }
    let fd = (try lossAfter(d, h) - lossAfter(d, -h)) / (2 * Double(h))
    XCTAssertLessThan(abs(fd - expected) / max(abs(expected), 1e-1), 3e-3,
                      "\(name): directional FD \(fd) vs backward \(expected)", file: file, line: line)
    let top = g.indices.sorted { abs(g[$0]) > abs(g[$1]) }.prefix(3)
    for i in Array(top) + (0..<randomElements).map({ _ in rng.int(below: n) }) where abs(g[i]) > 1e-3 {
        var e = [Float](repeating: 0, count: n); e[i] = 1
        let fdi = (try lossAfter(e, h) - lossAfter(e, -h)) / (2 * Double(h))
        XCTAssertLessThan(abs(fdi - Double(g[i])), 1e-2 * abs(Double(g[i])) + 5e-4,
                          "\(name)[\(i)]: FD \(fdi) vs backward \(g[i])", file: file, line: line)
    }
}
