import Linalg

/// The world of paper 002 §4 (spec B.8): facts as in §2 (balanced assignment), grammar tokens
/// drawn i.i.d. uniform, and one relation token per attribute type, placed once in every grammar
/// block of a PT sequence. Token ids are those of `Vocabulary` (subjects, attribute values by
/// type, grammar, [sep]) followed by the L relation tokens.
///
/// [!] §4 writes `r ~ Unif(R)`, but the attribute type is only recoverable when the relation token
/// is that of the block's type, as the constructions assume: block ℓ holds r_ℓ.
public struct RelationWorld: Equatable, Sendable {
    public let vocabulary: Vocabulary
    /// S: grammar tokens per PT block, one of them the relation token.
    public let grammarLength: Int
    /// N_tr: blocks per PT sequence.
    public let blocks: Int
    /// `facts[j * L + l]`: subject j's attribute of type l.
    public let facts: [Int32]
    /// A permutation of the subjects: the first `finetunePool` may be finetuned on, the rest are held out.
    public let subjectOrder: [Int]
    public let finetunePool: Int

    public init(subjects: Int, valueCounts: [Int], grammarTokens: Int, grammarLength: Int, blocks: Int,
                finetunePool: Int, seed: UInt64) {
        precondition(grammarLength >= 1 && blocks >= 1 && finetunePool <= subjects, "relation world: invalid sizes")
        let root = RNG(seed: seed)
        var factRNG = root.derive("facts"), splitRNG = root.derive("split")
        vocabulary = Vocabulary(subjects: subjects, valueCounts: valueCounts, grammarTokens: grammarTokens)
        facts = RecallWorld.balancedFacts(vocabulary, &factRNG)
        subjectOrder = splitRNG.sample(subjects, from: subjects)
        self.grammarLength = grammarLength
        self.blocks = blocks
        self.finetunePool = finetunePool
    }

    init(vocabulary: Vocabulary, grammarLength: Int, blocks: Int, facts: [Int32], subjectOrder: [Int], finetunePool: Int) {
        self.vocabulary = vocabulary; self.grammarLength = grammarLength; self.blocks = blocks
        self.facts = facts; self.subjectOrder = subjectOrder; self.finetunePool = finetunePool
    }

    public var types: Int { vocabulary.types }
    /// V: the §2 vocabulary and the relation tokens.
    public var size: Int { vocabulary.size + types }
    public func relation(_ l: Int) -> Int32 { Int32(vocabulary.size + l) }
    public func attribute(subject j: Int, type l: Int) -> Int32 { facts[j * types + l] }

    /// The values of type l, as tokens.
    public func values(ofType l: Int) -> [Int32] { (0..<vocabulary.valueCounts[l]).map { vocabulary.value($0, ofType: l) } }

    /// Subjects that may be finetuned on, and those never finetuned on.
    public var finetuneSubjects: [Int] { Array(subjectOrder[0..<finetunePool]) }
    public var heldOutSubjects: [Int] { Array(subjectOrder[finetunePool...]) }

    /// Tokens of a PT sequence: `[s, g_1..g_S, sep, a]` per block, no separator between blocks
    /// (eq. 2): (S + 3) N_tr tokens. The model reads all but the last, whose prediction is
    /// the final block's attribute.
    public var pretrainingTokens: Int { (grammarLength + 3) * blocks }
    /// Tokens of an ICL sequence with `demonstrations` examples: `[s, sep, a]` per example and
    /// the query `[s_q, sep, a_q]` (eq. 3).
    public func inContextTokens(demonstrations n: Int) -> Int { 3 * (n + 1) }

    /// Writes one PT sequence of `pretrainingTokens` into `out`: a subject drawn uniformly and
    /// N_tr block types drawn i.i.d. (they may repeat); in each block one uniform grammar
    /// position holds the type's relation token and the others uniform grammar tokens.
    /// Returns the subject and the last block's type (the final prediction's ground truth).
    @discardableResult
    public func pretrainingSequence(_ rng: inout RNG, into out: UnsafeMutablePointer<Int32>) -> (subject: Int, type: Int) {
        let subject = rng.int(below: vocabulary.subjects)
        var type = 0, i = 0
        for _ in 0..<blocks {
            type = rng.int(below: types)
            let relationAt = rng.int(below: grammarLength)
            out[i] = vocabulary.subject(subject); i += 1
            for g in 0..<grammarLength {
                out[i] = g == relationAt ? relation(type) : vocabulary.grammar(rng.int(below: vocabulary.grammarTokens)); i += 1
            }
            out[i] = vocabulary.separator; i += 1
            out[i] = attribute(subject: subject, type: type); i += 1
        }
        return (subject, type)
    }

    /// Writes the ICL sequence of type l over `subjects` (the demonstrations, then the query)
    /// into `out`: `inContextTokens(demonstrations: subjects.count - 1)` tokens.
    public func inContextSequence(type l: Int, subjects: [Int], into out: UnsafeMutablePointer<Int32>) {
        for (i, subject) in subjects.enumerated() {
            out[3 * i] = vocabulary.subject(subject)
            out[3 * i + 1] = vocabulary.separator
            out[3 * i + 2] = attribute(subject: subject, type: l)
        }
    }
}
