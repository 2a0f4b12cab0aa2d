import Linalg
import Transformer

/// Paper 002's training data as the training run reads it: batch `step` is drawn from
/// `seed.derive("cr.data", step)`, so a resumed run draws exactly the batches an uninterrupted
/// one would.
public final class SequenceBatchSource: BatchSource {
    public let generator: SequenceGenerator
    public let batch: SequenceBatch
    let seed: RNG

    public init(generator: SequenceGenerator, batch: Int, seed: UInt64) {
        self.generator = generator
        self.batch = generator.makeBatch(batch)
        self.seed = RNG(seed: seed).derive("cr.data")
    }

    public var batchSize: Int { batch.batch }
    public var length: Int { batch.length }

    public func fill(step: Int, threads: Int) {
        var rng = seed.derive("step", step)
        generator.fill(batch, &rng)
    }

    public var input: ModelInput { .tokens(UnsafeBufferPointer(batch.inputs)) }
    public var targets: Targets { .tokens(UnsafeBufferPointer(batch.targets)) }
    public var mask: UnsafeBufferPointer<Bool>? { UnsafeBufferPointer(batch.lossMask) }
}
