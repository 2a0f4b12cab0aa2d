import Linalg

/// One contextual-recall world: the facts, the per-type grammar chains and the grammar-only
/// chain, and the finetuning / held-out subject split (spec B.1, B.2, B.4).
public struct RecallWorld: Equatable, Sendable {
    public let settings: WorldSettings
    public let vocabulary: Vocabulary
    /// `facts[j * L + l]`: token of subject j's attribute of type l.
    public let facts: [Int32]
    /// `TM_l` for each type l.
    public let typeChains: [MarkovChain]
    /// The separate chain that drives grammar-only PT blocks.
    public let grammarOnlyChain: MarkovChain
    /// Div of `typeChains` under the three norms.
    public let div: ChainDistance
    /// A permutation of the subjects: the first `finetunePool` may be finetuned on, the rest are held out.
    public let subjectOrder: [Int]

    public init(settings: WorldSettings, seed: UInt64) {
        let root = RNG(seed: seed)
        var factRNG = root.derive("facts"), chainRNG = root.derive("chains"), splitRNG = root.derive("split")
        let vocabulary = settings.vocabulary, M = settings.subjects
        let facts = Self.balancedFacts(vocabulary, &factRNG)
        let selection = ChainSelection(count: settings.types, states: settings.grammarTokens, alpha: settings.alpha, target: settings.targetDiv,
                                       pool: settings.pool, restarts: settings.restarts, &chainRNG)
        var grammarRNG = root.derive("grammar-only")
        self.init(settings: settings, facts: facts, typeChains: selection.chains,
                  grammarOnlyChain: .dirichlet(states: settings.grammarTokens, alpha: settings.alpha, &grammarRNG),
                  div: selection.div, subjectOrder: splitRNG.sample(M, from: M))
    }

    public init(settings: WorldSettings, facts: [Int32], typeChains: [MarkovChain], grammarOnlyChain: MarkovChain,
                div: ChainDistance, subjectOrder: [Int]) {
        self.settings = settings; vocabulary = settings.vocabulary; self.facts = facts; self.typeChains = typeChains
        self.grammarOnlyChain = grammarOnlyChain; self.div = div; self.subjectOrder = subjectOrder
    }

    /// `facts[j * L + l]` under the balanced assignment (spec B.1 [A]): value u of type l goes to
    /// the subjects j with pi_l(j) mod M_l = u, for a random permutation pi_l per type, so every
    /// value is used M / M_l times.
    static func balancedFacts(_ vocabulary: Vocabulary, _ rng: inout RNG) -> [Int32] {
        let M = vocabulary.subjects, L = vocabulary.types
        var facts = [Int32](repeating: 0, count: M * L)
        for l in 0..<L {
            let pi = rng.sample(M, from: M)
            for j in 0..<M { facts[j * L + l] = vocabulary.value(pi[j] % vocabulary.valueCounts[l], ofType: l) }
        }
        return facts
    }

    @inline(__always)
    public func attribute(subject j: Int, type l: Int) -> Int32 { facts[j * settings.types + l] }

    /// The first `count` subjects of the finetuning pool (Fig. 5 grows `count`; the held-out set stays fixed).
    public func finetuneSubjects(_ count: Int) -> [Int] { Array(subjectOrder[0..<min(count, settings.finetunePool)]) }
    /// Subjects never finetuned on.
    public var heldOutSubjects: [Int] { Array(subjectOrder[settings.finetunePool...]) }
}
