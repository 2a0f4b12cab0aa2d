import Linalg
import Transformer

extension FewShotBatch {
    /// Writes `s` into slot `b`.
    func set(_ b: Int, _ s: FewShotSequence, world: FewShotWorld) {
        let d = exemplarSize
        world.exemplars.withUnsafeBufferPointer { e in
            let x = e.baseAddress!
            set(b, first: x + s.first * d, second: x + s.second * d, query: x + s.queryClass * d,
                firstLabel: s.firstLabel, secondLabel: s.secondLabel, target: s.target)
        }
    }
}

/// Training batches: batch `step` is drawn from `seed.derive("induction.data", step)`, so a
/// resumed run draws what an uninterrupted one would.
public final class FewShotBatchSource: BatchSource {
    public let world: FewShotWorld
    public let buffers: FewShotBatch
    /// The sequences of the last batch.
    public private(set) var sequences: [FewShotSequence]
    let seed: RNG

    public init(world: FewShotWorld, batch: Int, seed: UInt64) {
        self.world = world
        buffers = FewShotBatch(batch: batch, exemplarSize: world.settings.exemplarSize)
        sequences = []
        sequences.reserveCapacity(batch)
        self.seed = RNG(seed: seed).derive("induction.data")
    }

    public var batchSize: Int { buffers.batch }
    public var length: Int { FewShotBatch.length }

    public func fill(step: Int, threads: Int) {
        var rng = seed.derive("step", step)
        sequences.removeAll(keepingCapacity: true)
        for b in 0..<buffers.batch {
            let s = FewShotSequence.draw(.train, world: world, &rng)
            buffers.set(b, s, world: world)
            sequences.append(s)
        }
    }

    public var input: ModelInput { buffers.input }
    public var targets: Targets { buffers.modelTargets }
    public var mask: UnsafeBufferPointer<Bool>? { buffers.lossMask }
}
