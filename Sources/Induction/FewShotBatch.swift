import Linalg
import Transformer

/// A batch of few-shot sequences laid out as `AttentionOnlyModel` reads them, in buffers
/// owned here (a clamp borrows `targetRows`, the model the rest, without copies).
public final class FewShotBatch {
    public static let length = 5
    public let batch: Int
    let exemplarSize: Int
    /// `[B, 3, exemplarSize]`: x1, x2, xq.
    let exemplars: UnsafeMutableBufferPointer<Float>
    /// `[B, 2]`: y1, y2.
    let labels: UnsafeMutableBufferPointer<Int32>
    /// `[B, 5]`: the target label at the query, 0 elsewhere (masked out).
    let targets: UnsafeMutableBufferPointer<Int32>
    /// `[B, 5]`: true at the query only: the loss is taken there (spec §1.2).
    let mask: UnsafeMutableBufferPointer<Bool>
    /// `[B, 1, 5]`: the query row of a perfect induction head, 1 on the target label token.
    let targetRows: UnsafeMutableBufferPointer<Float>
    public private(set) var sequences: [FewShotSequence]

    public init(batch B: Int, exemplarSize: Int) {
        batch = B; self.exemplarSize = exemplarSize
        exemplars = .allocate(capacity: B * 3 * exemplarSize); exemplars.initialize(repeating: 0)
        labels = .allocate(capacity: B * 2); labels.initialize(repeating: 0)
        targets = .allocate(capacity: B * Self.length); targets.initialize(repeating: 0)
        mask = .allocate(capacity: B * Self.length); mask.initialize(repeating: false)
        for b in 0..<B { mask[b * Self.length + Self.length - 1] = true }
        targetRows = .allocate(capacity: B * Self.length); targetRows.initialize(repeating: 0)
        sequences = Array(repeating: FewShotSequence(first: 0, second: 0, firstLabel: 0, secondLabel: 0, queryIsFirst: true), count: B)
    }

    deinit {
        exemplars.deallocate(); labels.deallocate(); targets.deallocate(); mask.deallocate(); targetRows.deallocate()
    }

    /// Writes `s` into slot `b`.
    public func set(_ b: Int, _ s: FewShotSequence, world: FewShotWorld) {
        let d = exemplarSize, L = Self.length
        world.exemplars.withUnsafeBufferPointer { e in
            func copy(_ c: Int, to slot: Int) { (exemplars.baseAddress! + (b * 3 + slot) * d).update(from: e.baseAddress! + c * d, count: d) }
            copy(s.first, to: 0); copy(s.second, to: 1); copy(s.queryClass, to: 2)
        }
        labels[2 * b] = Int32(s.firstLabel); labels[2 * b + 1] = Int32(s.secondLabel)
        targets[b * L + L - 1] = Int32(s.target)
        for j in 0..<L { targetRows[b * L + j] = j == s.targetPosition ? 1 : 0 }
        sequences[b] = s
    }

    public var input: ModelInput { .interleaved(exemplars: UnsafeBufferPointer(exemplars), labels: UnsafeBufferPointer(labels)) }
    public var modelTargets: Targets { .tokens(UnsafeBufferPointer(targets)) }
    public var lossMask: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(mask) }
    /// The match clamp's value: rows 4..<5 of every sequence's pattern.
    public var perfectInductionRows: PatternValue { .rows(UnsafeBufferPointer(targetRows), first: Self.length - 1) }
}

/// Training batches: batch `step` is drawn from `seed.derive("induction.data", step)`, so a
/// resumed run draws what an uninterrupted one would.
public final class FewShotBatchSource: BatchSource {
    public let world: FewShotWorld
    public let buffers: FewShotBatch
    let seed: RNG

    public init(world: FewShotWorld, batch: Int, seed: UInt64) {
        self.world = world
        buffers = FewShotBatch(batch: batch, exemplarSize: world.settings.exemplarSize)
        self.seed = RNG(seed: seed).derive("induction.data")
    }

    public var batchSize: Int { buffers.batch }
    public var length: Int { FewShotBatch.length }

    public func fill(step: Int, threads: Int) {
        var rng = seed.derive("step", step)
        for b in 0..<buffers.batch { buffers.set(b, FewShotSequence.draw(.train, world: world, &rng), world: world) }
    }

    public var input: ModelInput { buffers.input }
    public var targets: Targets { buffers.modelTargets }
    public var mask: UnsafeBufferPointer<Bool>? { buffers.lossMask }
}
