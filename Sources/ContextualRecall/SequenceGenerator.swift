import Linalg

/// Which positions a batch trains on.
public enum LossPositions: String, CaseIterable, Sendable {
    /// Every non-pad position (PT, and the default "standard next-token objective" of FT).
    case all
    /// Only positions whose target is an attribute token (the B.6 alternative for FT).
    case attributes
}

/// The three sequence kinds of section 2 (spec B.3).
public enum SequenceKind: Equatable, Sendable {
    /// PT: one subject, N_tr subsequences of types drawn with replacement, each replaced by a
    /// grammar-only block with probability p_G. `finalFact` forces the last subsequence to be a
    /// real fact (evaluation needs an attribute target).
    case pretraining(finalFact: Bool)
    /// ICL+Grm with S_ft ~ Unif{range} per sequence; `0...0` is plain ICL.
    case incontext(grammar: ClosedRange<Int>)

    public static let icl = SequenceKind.incontext(grammar: 0...0)

    /// Tokens of the longest sequence of this kind.
    public func maximumLength(_ s: WorldSettings) -> Int {
        switch self {
        case .pretraining: return s.pretrainLength
        case .incontext(let grammar): return s.iclLength(grammar: grammar.upperBound)
        }
    }
}

/// Writes sequences of one kind into `SequenceBatch` buffers. ICL demonstrations are drawn
/// from `demonstrationSubjects`, the query from `querySubjects` (spec B.4).
public final class SequenceGenerator {
    public let world: RecallWorld
    public let kind: SequenceKind
    public let querySubjects: [Int]
    public let demonstrationSubjects: [Int]
    public let lossPositions: LossPositions
    /// One sequence, written before it is split into inputs and targets.
    private let scratch: UnsafeMutableBufferPointer<Int32>

    public init(world: RecallWorld, kind: SequenceKind, querySubjects: [Int], demonstrationSubjects: [Int],
                lossPositions: LossPositions = .all) {
        precondition(!querySubjects.isEmpty && !demonstrationSubjects.isEmpty, "subject pools must not be empty")
        self.world = world; self.kind = kind; self.querySubjects = querySubjects
        self.demonstrationSubjects = demonstrationSubjects; self.lossPositions = lossPositions
        scratch = .allocate(capacity: kind.maximumLength(world.settings))
    }

    deinit { scratch.deallocate() }

    /// A batch shaped for this kind: positions for its longest sequence.
    public func makeBatch(_ batch: Int) -> SequenceBatch {
        SequenceBatch(batch: batch, length: kind.maximumLength(world.settings) - 1)
    }

    /// Fills every row of `batch` with a fresh sequence drawn from `rng`.
    public func fill(_ batch: SequenceBatch, _ rng: inout RNG) {
        precondition(batch.length >= kind.maximumLength(world.settings) - 1, "batch too short for \(kind)")
        let pad = world.vocabulary.separator, T = batch.length, vocabulary = world.vocabulary
        for row in 0..<batch.batch {
            let (count, subject, type) = write(into: scratch, &rng)
            batch.sequenceLengths[row] = count
            batch.querySubject[row] = subject
            batch.queryType[row] = type
            let base = row * T, inputs = batch.inputs, targets = batch.targets, mask = batch.lossMask
            for t in 0..<T {
                if t < count - 1 {
                    inputs[base + t] = scratch[t]
                    targets[base + t] = scratch[t + 1]
                    mask[base + t] = lossPositions == .all || vocabulary.attributeType(of: scratch[t + 1]) != nil
                } else {
                    inputs[base + t] = pad; targets[base + t] = pad; mask[base + t] = false
                }
            }
        }
    }

    /// One sequence into `out`; returns its token count and ground truth (subject, type).
    private func write(into out: UnsafeMutableBufferPointer<Int32>, _ rng: inout RNG) -> (Int, Int, Int) {
        let s = world.settings, vocabulary = world.vocabulary
        var n = 0
        func emit(_ token: Int32) { out[n] = token; n += 1 }
        switch kind {
        case .pretraining(let finalFact):
            let j = querySubjects[rng.int(below: querySubjects.count)]
            var lastType = 0
            for block in 0..<s.blocks {
                if block > 0 { emit(vocabulary.separator) }
                let type = rng.int(below: s.types)
                let isLast = block == s.blocks - 1
                if rng.uniform() < s.grammarOnlyProbability && !(finalFact && isLast) {
                    world.grammarOnlyChain.walk(s.grammarLength + 2, &rng) { emit(vocabulary.grammar($0)) }
                } else {
                    emit(vocabulary.subject(j))
                    world.typeChains[type].walk(s.grammarLength, &rng) { emit(vocabulary.grammar($0)) }
                    emit(world.attribute(subject: j, type: type))
                }
                lastType = type
            }
            return (n, j, lastType)
        case .incontext(let grammar):
            let type = rng.int(below: s.types)
            let grammarLength = grammar.lowerBound + rng.int(below: grammar.count)
            var j = 0
            for example in 0...s.iclExamples {
                if example > 0 { emit(vocabulary.separator) }
                let pool = example == s.iclExamples ? querySubjects : demonstrationSubjects
                j = pool[rng.int(below: pool.count)]
                emit(vocabulary.subject(j))
                world.typeChains[type].walk(grammarLength, &rng) { emit(vocabulary.grammar($0)) }
                emit(world.attribute(subject: j, type: type))
            }
            return (n, j, type)
        }
    }
}
