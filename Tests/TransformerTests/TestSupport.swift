import Linalg
@testable import Transformer

/// A random batch that fits `config`: inputs, targets and a mask with some positions off.
struct RandomBatch {
    let input: ModelInput
    let targets: Targets
    let mask: [Bool]
    let batch: Int, length: Int

    init(_ c: ModelConfig, batch B: Int, length T: Int, seed: UInt64) {
        var rng = RNG(seed: seed)
        batch = B; length = T
        switch c.input {
        case .continuous(let d): input = .continuous((0..<(B * T * d)).map { _ in Float(rng.gaussian()) })
        case .tokens(let v): input = .tokens((0..<(B * T)).map { _ in Int32(rng.int(below: v)) })
        }
        switch c.output {
        case .regression(let d): targets = .regression((0..<(B * T * d)).map { _ in Float(rng.gaussian()) })
        case .logits(let v): targets = .tokens((0..<(B * T)).map { _ in Int32(rng.int(below: v)) })
        }
        mask = (0..<(B * T)).map { i in i == 0 || rng.uniform() < 0.7 }
    }
}

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
    func preciseLoss(_ b: RandomBatch) throws -> Double {
        try forward(b.input, batch: b.batch, length: b.length)
        _ = try loss(b.targets, mask: b.mask)
        let active = b.mask.filter { $0 }.count
        return lossPerPosition.reduce(0.0) { $0 + Double($1) } / Double(active)
    }
}

/// A small continuous-in / regression-out trainer and a data stream drawn from its own RNG,
/// as a training stage would draw it.
struct TrainingFixture {
    let config = ModelConfig(layers: 2, width: 16, heads: 2, context: 8, input: .continuous(5),
                             output: .regression(3), mlp: true)

    func makeTrainer(threads: Int = 2, seed: UInt64 = 5) throws -> Trainer {
        let model = try GPTModel(config: config, seed: seed, threads: threads)
        return Trainer(model: model, optimizer: AdamWConfig(learningRate: 1e-2, weightDecay: 0.1, clipNorm: 1),
                       rng: RNG(seed: seed).derive("data"))
    }

    /// Draws the next batch from the trainer's own RNG, as a training stage would.
    func trainSteps(_ trainer: Trainer, _ n: Int) throws -> [Float] {
        try (0..<n).map { _ in
            let b = RandomBatch(config, batch: 3, length: 8, seed: trainer.rng.next())
            return try trainer.step(b.input, targets: b.targets, mask: b.mask, batch: 3, length: 8)
        }
    }
}
