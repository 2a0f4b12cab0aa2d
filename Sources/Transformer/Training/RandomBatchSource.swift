import Linalg

/// Random batches for any model configuration: Gaussian vectors or uniform tokens in, Gaussian
/// targets or uniform token targets out, and a loss mask with about `maskedShare` of the
/// positions off (the first always on). Batch `step` is drawn from `seed.derive("batch", step)`.
/// For the engine's benchmarks and tests.
public final class RandomBatchSource: BatchSource {
    public let config: ModelConfig
    public let batchSize: Int
    public let length: Int
    public let maskedShare: Double
    private let seed: RNG
    private let inputValues: UnsafeMutableBufferPointer<Float>
    private let inputTokens: UnsafeMutableBufferPointer<Int32>
    private let targetValues: UnsafeMutableBufferPointer<Float>
    private let targetTokens: UnsafeMutableBufferPointer<Int32>
    public let maskValues: UnsafeMutableBufferPointer<Bool>

    public init(_ config: ModelConfig, batch: Int, length: Int, seed: UInt64, maskedShare: Double = 0) {
        self.config = config; batchSize = batch; self.length = length; self.maskedShare = maskedShare
        self.seed = RNG(seed: seed)
        let n = batch * length
        func floats(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
            let b = UnsafeMutableBufferPointer<Float>.allocate(capacity: count); b.initialize(repeating: 0); return b
        }
        func tokens(_ count: Int) -> UnsafeMutableBufferPointer<Int32> {
            let b = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count); b.initialize(repeating: 0); return b
        }
        if case .continuous(let d) = config.input { inputValues = floats(n * d); inputTokens = tokens(0) } else { inputValues = floats(0); inputTokens = tokens(n) }
        if case .regression(let d) = config.output { targetValues = floats(n * d); targetTokens = tokens(0) } else { targetValues = floats(0); targetTokens = tokens(n) }
        maskValues = .allocate(capacity: n)
        maskValues.initialize(repeating: true)
        fill(step: 0)
    }

    deinit {
        inputValues.deallocate(); inputTokens.deallocate(); targetValues.deallocate(); targetTokens.deallocate()
        maskValues.deallocate()
    }

    public func fill(step: Int, threads: Int = 1) {
        var rng = seed.derive("batch", step)
        for i in inputValues.indices { inputValues[i] = Float(rng.gaussian()) }
        for i in inputTokens.indices { inputTokens[i] = Int32(rng.int(below: config.inputSize)) }
        for i in targetValues.indices { targetValues[i] = Float(rng.gaussian()) }
        for i in targetTokens.indices { targetTokens[i] = Int32(rng.int(below: config.outputSize)) }
        for i in maskValues.indices { maskValues[i] = i == 0 || rng.uniform() >= maskedShare }
    }

    public var input: ModelInput {
        if case .continuous = config.input { return .continuous(UnsafeBufferPointer(inputValues)) }
        return .tokens(UnsafeBufferPointer(inputTokens))
    }

    public var targets: Targets {
        if case .regression = config.output { return .regression(UnsafeBufferPointer(targetValues)) }
        return .tokens(UnsafeBufferPointer(targetTokens))
    }

    public var mask: UnsafeBufferPointer<Bool>? { UnsafeBufferPointer(maskValues) }
}
