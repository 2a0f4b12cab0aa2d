import Foundation
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
