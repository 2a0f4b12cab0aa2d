/// Everything that defines a contextual-recall world (spec B.1-B.4), as `cr.world` parameters.
public struct WorldSettings: Equatable, Sendable {
    /// M subjects.
    public var subjects: Int
    /// M_l unique values of each attribute type (L = count).
    public var valueCounts: [Int]
    /// G grammar tokens.
    public var grammarTokens: Int
    /// S grammar tokens between subject and attribute in a PT subsequence.
    public var grammarLength: Int
    /// N_tr subsequences per PT sequence.
    public var blocks: Int
    /// p_G: probability that a PT subsequence is replaced by a grammar-only block.
    public var grammarOnlyProbability: Double
    /// Symmetric Dirichlet concentration of every chain row.
    public var alpha: Double
    public var targetDiv: Double
    /// Candidate chains drawn for the greedy selection, and its restarts.
    public var pool: Int
    public var restarts: Int
    /// Subjects that finetuning may draw from; the rest are held out.
    public var finetunePool: Int
    /// N = N_ft demonstrations before the query in ICL sequences.
    public var iclExamples: Int
    /// S_ft ~ Unif{1..grammarFinetuneMax} in ICL+Grm sequences.
    public var grammarFinetuneMax: Int

    public init(subjects: Int, valueCounts: [Int], grammarTokens: Int, grammarLength: Int, blocks: Int,
                grammarOnlyProbability: Double, alpha: Double, targetDiv: Double, pool: Int, restarts: Int,
                finetunePool: Int, iclExamples: Int, grammarFinetuneMax: Int) {
        self.subjects = subjects; self.valueCounts = valueCounts; self.grammarTokens = grammarTokens
        self.grammarLength = grammarLength; self.blocks = blocks; self.grammarOnlyProbability = grammarOnlyProbability
        self.alpha = alpha; self.targetDiv = targetDiv; self.pool = pool; self.restarts = restarts
        self.finetunePool = finetunePool; self.iclExamples = iclExamples; self.grammarFinetuneMax = grammarFinetuneMax
    }

    public var types: Int { valueCounts.count }
    public var vocabulary: Vocabulary {
        Vocabulary(subjects: subjects, valueCounts: valueCounts, grammarTokens: grammarTokens)
    }

    /// T = (S + 3) N_tr - 1 tokens of a PT sequence.
    public var pretrainLength: Int { (grammarLength + 3) * blocks - 1 }
    /// (S_ft + 3)(N + 1) - 1 tokens of an ICL+Grm sequence; S_ft = 0 gives ICL's 3N + 2.
    public func iclLength(grammar: Int) -> Int { (grammar + 3) * (iclExamples + 1) - 1 }
    /// Model positions needed for every sequence kind (a sequence of n tokens feeds n - 1).
    public var modelContext: Int { max(pretrainLength, iclLength(grammar: grammarFinetuneMax)) - 1 }

    /// Typed checks; `name` is the stage reporting them.
    public func validate(stage name: String) throws {
        func bad(_ key: String, _ value: Any, _ why: String) -> RecallError { .parameter(stage: name, key: key, value: "\(value)", reason: why) }
        if subjects < 2 { throw bad("subjects", subjects, "must be at least 2") }
        if valueCounts.count < 2 { throw bad("value_counts", valueCounts, "needs at least two attribute types") }
        // Balanced assignment (B.1) uses each value exactly M / M_l times only when M_l divides M.
        if let c = valueCounts.first(where: { $0 < 1 || subjects % $0 != 0 }) { throw bad("value_counts", c, "each must divide subjects \(subjects)") }
        if grammarTokens < 2 { throw bad("grammar_tokens", grammarTokens, "must be at least 2") }
        if grammarLength < 1 { throw bad("grammar_length", grammarLength, "must be at least 1") }
        if blocks < 1 { throw bad("blocks", blocks, "must be at least 1") }
        if !(0..<1).contains(grammarOnlyProbability) { throw bad("grammar_only_probability", grammarOnlyProbability, "must be in [0, 1)") }
        if !(alpha > 0 && alpha.isFinite) { throw bad("alpha", alpha, "must be finite and positive") }
        if !(targetDiv > 0 && targetDiv <= 2) { throw bad("target_div", targetDiv, "must be in (0, 2]") }
        if pool < valueCounts.count { throw bad("pool", pool, "must hold at least one chain per type") }
        if restarts < 1 { throw bad("restarts", restarts, "must be at least 1") }
        if finetunePool < 1 || finetunePool >= subjects { throw bad("finetune_pool", finetunePool, "must be in 1..<subjects") }
        if iclExamples < 1 { throw bad("icl_examples", iclExamples, "must be at least 1") }
        if grammarFinetuneMax < 1 { throw bad("grammar_ft_max", grammarFinetuneMax, "must be at least 1") }
    }
}
