import Linalg
import Transformer

/// Training batches of bursty (or matched-exemplar) sequences over every class and exemplar:
/// batch `step` is drawn from `seed.derive("transience.data", step)`, so a resumed run draws
/// what an uninterrupted one would.
public final class TransienceBatchSource: BatchSource {
    public let world: ClassWorld
    public let set: TransienceSet
    public let buffers: FewShotBatch
    let seed: RNG

    public init(world: ClassWorld, set: TransienceSet, batch: Int, seed: UInt64) {
        self.world = world; self.set = set
        buffers = FewShotBatch(batch: batch, exemplarSize: world.settings.exemplarSize)
        self.seed = RNG(seed: seed).derive("transience.data")
    }

    public var batchSize: Int { buffers.batch }
    public var length: Int { FewShotBatch.length }

    public func fill(step: Int, threads: Int) {
        var rng = seed.derive("step", step)
        let s = world.settings
        for b in 0..<buffers.batch {
            buffers.set(b, TransienceSequence.draw(set, classes: s.classes, exemplars: s.exemplarsPerClass, &rng), world: world)
        }
    }

    public var input: ModelInput { buffers.input }
    public var targets: Targets { buffers.modelTargets }
    public var mask: UnsafeBufferPointer<Bool>? { buffers.lossMask }
}
