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

    public struct Result: Sendable {
        public let msPerStep: Double
        public let tokensPerSec: Double
        public let gflops: Double
        /// Milliseconds per step in each operation class, largest first.
        public let breakdown: [(op: String, ms: Double)]
        /// Flops of the linear layers' products in one step (forward and backward).
        public let linearFlops: Double
        /// The products that any implementation of the step must compute: the linear layers, and
        /// attention over the causal triangle only (T (T + 1) / 2 query-key pairs per head).
        /// Divided by the sgemm rate, a time that no engine whose products run at that rate beats.
        public let minimalFlops: Double
        /// SHA-256 of the parameters after all the steps: an engine change that claims to leave
        /// the arithmetic alone must leave this unchanged (on any thread count).
        public let parameterDigest: String
    }

    /// Mean over `steps` timed steps after one warm-up step, at the full context length.
    public static func run(_ c: Case, threads: Int, steps: Int = 3) throws -> Result {
        let cfg = c.config, B = c.batch, T = cfg.context
        let model = try GPTModel(config: cfg, seed: 1, threads: threads)
        let trainer = try Trainer(model: model, optimizer: AdamWConfig(learningRate: 1e-4))
        let timing = try measure(trainer, source: RandomBatchSource(cfg, batch: B, length: T, seed: 2), steps: steps, freshBatches: false)
        // GFLOP/s counts attention over the full T x T square; the minimum, over the triangle.
        let linear = linearFlops(model, batch: B, length: T)
        return Result(msPerStep: timing.msPerStep, tokensPerSec: Double(B * T) / timing.msPerStep * 1e3,
                      gflops: (linear + attentionFlops(model, batch: B, pairs: Double(T * T))) / timing.msPerStep / 1e6,
                      breakdown: timing.breakdown, linearFlops: linear,
                      minimalFlops: linear + attentionFlops(model, batch: B, pairs: Double(T * (T + 1) / 2)),
                      parameterDigest: timing.parameterDigest)
    }

    /// Wall time of whole training steps, as a `TrainingRun` takes them.
    public struct Timing: Sendable {
        public let msPerStep: Double
        /// Milliseconds per step in each operation class, largest first.
        public let breakdown: [(op: String, ms: Double)]
        /// SHA-256 of the parameters after the warm-up and timed steps.
        public let parameterDigest: String
    }

    /// Mean over `steps` steps of `trainer` after one warm-up step. With `freshBatches` each
    /// step first fills its own batch from `source` (the data's cost is part of the step, as
    /// in a run); without, every step reuses batch 0.
    public static func measure(_ trainer: Trainer, source: BatchSource, steps: Int, freshBatches: Bool) throws -> Timing {
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
        let breakdown = EngineOp.allCases.map { op in
            (op: op.name, ms: Double(model.timer.nanos[op.rawValue]) / 1e6 / Double(max(1, steps)))
        }.sorted { $0.ms > $1.ms }
        var hasher = SHA256.Hasher()
        hasher.update(UnsafeRawBufferPointer(model.parameters))
        return Timing(msPerStep: ms, breakdown: breakdown, parameterDigest: hasher.finalizeHex())
    }

    /// 2 flops per multiply-add in every product of the forward pass, twice that in the
    /// backward pass (input and weight gradients; no input gradient for the read-in).
    static func linearFlops(_ model: GPTModel, batch B: Int, length T: Int) -> Double {
        let N = Double(B * T)
        var flops = 0.0
        for t in model.parameterTensors where t.shape.count == 2 && t.decayed {
            let macs = N * Double(t.count)
            flops += t.name == "read_in.weight" ? 4 * macs : 6 * macs
        }
        return flops
    }

    /// Scores and mix forward (2 products), their four gradients backward: 12 flops per
    /// query-key pair and channel.
    static func attentionFlops(_ model: GPTModel, batch B: Int, pairs: Double) -> Double {
        Double(model.config.layers) * 12 * Double(B) * pairs * Double(model.config.width)
    }

    /// GFLOP/s of a large product `[4096, 1024] x [1024, 1024]^T` split over `threads`
    /// single-threaded sgemm calls, the way the engine issues its products.
    public static func sgemmRate(threads: Int, repeats: Int = 5) -> Double {
        BLAS.setThreads(1)
        let m = 4096, k = 1024, n = 1024
        let a = FloatBuffer(m * k), b = FloatBuffer(n * k), c = FloatBuffer(m * n)
        var rng = RNG(seed: 3)
        for i in 0..<a.count { a.pointer[i] = Float(rng.uniform()) }
        for i in 0..<b.count { b.pointer[i] = Float(rng.uniform()) }
        LinearKernels.forward(x: a.pointer, weight: b.pointer, bias: nil, y: c.pointer, rows: m, in: k, out: n, workers: threads)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repeats {
            LinearKernels.forward(x: a.pointer, weight: b.pointer, bias: nil, y: c.pointer, rows: m, in: k, out: n, workers: threads)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return 2 * Double(m * n * k) * Double(repeats) / seconds / 1e9
    }
}
