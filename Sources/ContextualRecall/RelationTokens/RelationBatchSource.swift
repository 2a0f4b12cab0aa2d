import Linalg
import Transformer

/// §4's training data (spec B.8): PT sequences with next-token targets at every position, or
/// ICL sequences over a subject pool with the loss at the last position only. Batch `step` is
/// drawn from `seed.derive("cr.relation-data", step)`, so a resumed run draws the batches an
/// uninterrupted one would.
public final class RelationBatchSource: BatchSource {
    public enum Kind: Equatable {
        case pretraining
        /// ICL sequences with `demonstrations` examples, every subject (demonstrations and query)
        /// drawn with replacement from `subjects`, one type per sequence.
        case inContext(demonstrations: Int, subjects: [Int])
    }

    public let world: RelationWorld
    public let kind: Kind
    public let batchSize: Int
    public let length: Int
    private var tokens: [Int32]
    /// `[batch, length]`, allocated once and handed to the engine without copies.
    private let inputs, targetTokens: UnsafeMutableBufferPointer<Int32>
    private let lossMask: UnsafeMutableBufferPointer<Bool>
    private let seed: RNG

    public init(world: RelationWorld, kind: Kind, batch: Int, seed: UInt64) {
        self.world = world; self.kind = kind; batchSize = batch
        self.seed = RNG(seed: seed).derive("cr.relation-data")
        let perSequence: Int
        switch kind {
        case .pretraining: perSequence = world.pretrainingTokens
        case .inContext(let n, _): perSequence = world.inContextTokens(demonstrations: n)
        }
        let L = perSequence - 1
        length = L
        tokens = [Int32](repeating: 0, count: perSequence)
        inputs = .allocate(capacity: batch * L)
        targetTokens = .allocate(capacity: batch * L)
        lossMask = .allocate(capacity: batch * L)
        inputs.initialize(repeating: 0)
        targetTokens.initialize(repeating: 0)
        let lastOnly = kind != .pretraining
        for i in 0..<(batch * L) { lossMask[i] = !lastOnly || i % L == L - 1 }
    }

    deinit {
        inputs.deallocate()
        targetTokens.deallocate()
        lossMask.deallocate()
    }

    public func fill(step: Int, threads: Int) {
        var rng = seed.derive("step", step)
        for b in 0..<batchSize {
            tokens.withUnsafeMutableBufferPointer { out in
                switch kind {
                case .pretraining:
                    world.pretrainingSequence(&rng, into: out.baseAddress!)
                case let .inContext(n, pool):
                    let type = rng.int(below: world.types)
                    let subjects = (0...n).map { _ in pool[rng.int(below: pool.count)] }
                    world.inContextSequence(type: type, subjects: subjects, into: out.baseAddress!)
                }
            }
            for t in 0..<length {
                inputs[b * length + t] = tokens[t]
                targetTokens[b * length + t] = tokens[t + 1]
            }
        }
    }

    public var input: ModelInput { .tokens(UnsafeBufferPointer(inputs)) }
    public var targets: Targets { .tokens(UnsafeBufferPointer(targetTokens)) }
    public var mask: UnsafeBufferPointer<Bool>? { kind == .pretraining ? nil : UnsafeBufferPointer(lossMask) }
}
