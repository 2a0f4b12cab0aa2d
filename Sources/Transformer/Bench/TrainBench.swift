import Artifacts
import Dispatch
import Linalg

/// Timing of full training steps (forward, backward, AdamW) on random data, for
/// `toyworld bench train`.
public enum TrainBench {
    public struct Case: Sendable {
        public let name: String
        public let config: ModelConfig
        public let batch: Int
    }

    public static let cases: [Case] = [
        Case(name: "lds-small", config: ModelConfig(layers: 4, width: 64, heads: 4, context: 250,
                                                    input: .continuous(57), output: .regression(5)),
             batch: 64),
        Case(name: "lds-paper", config: ModelConfig(layers: 24, width: 192, heads: 12, context: 250,
                                                    input: .continuous(57), output: .regression(5)),
             batch: 8),
        Case(name: "cr-small", config: ModelConfig(layers: 2, width: 128, heads: 1, context: 114,
                                                   input: .tokens(200), output: .logits(200)),
             batch: 64),
        Case(name: "cr-paper", config: ModelConfig(layers: 2, width: 256, heads: 1, context: 414,
                                                   input: .tokens(800), output: .logits(800)),
             batch: 64),
    ]

    /// Mean over `steps` timed steps after one warm-up step, at the full context length.
    public static func run(_ c: Case, threads: Int, steps: Int = 3) throws -> Timing {
        let cfg = c.config, B = c.batch, T = cfg.context
        let model = try GPTModel(config: cfg, seed: 1, threads: threads)
        let trainer = try Trainer(model: model, optimizer: AdamWConfig(learningRate: 1e-4))
        return try measure(trainer, source: RandomBatchSource(cfg, batch: B, length: T, seed: 2), steps: steps, freshBatches: false,
                           work: .gpt(cfg, batch: B, length: T))
    }

    /// Wall time of whole training steps, as a `TrainingRun` takes them.
    public struct Timing: Sendable {
        public let msPerStep: Double
        /// Milliseconds per step in each operation class, in `EngineOp` order.
        public let perOp: [Double]
        /// What the step cannot avoid doing, per operation class.
        public let work: StepWork
        public let parameterCount: Int
        /// SHA-256 of the parameters after the warm-up and timed steps: an engine change that
        /// claims to leave the arithmetic alone must leave it unchanged (on any thread count).
        public let parameterDigest: String
    }

    /// Mean over `steps` steps of `trainer` after one warm-up step. With `freshBatches` each
    /// step first fills its own batch from `source` (the data's cost is part of the step, as
    /// in a run); without, every step reuses batch 0.
    public static func measure(_ trainer: Trainer, source: BatchSource, steps: Int, freshBatches: Bool, work: StepWork) throws -> Timing {
        let model = trainer.model, B = source.batchSize, T = source.length
        func step(_ i: Int) throws {
            if freshBatches { try source.fill(step: i, threads: model.threads) }
            try trainer.step(source.input, targets: source.targets, mask: source.mask, batch: B, length: T)
        }
        try step(0)
        model.timer.reset()
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 1...max(1, steps) { try step(i) }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(max(1, steps))
        let perOp = model.timer.nanos.map { Double($0) / 1e6 / Double(max(1, steps)) }
        var hasher = SHA256.Hasher()
        hasher.update(UnsafeRawBufferPointer(model.parameters))
        return Timing(msPerStep: ms, perOp: perOp, work: work, parameterCount: model.parameters.count,
                      parameterDigest: hasher.finalizeHex())
    }
}
