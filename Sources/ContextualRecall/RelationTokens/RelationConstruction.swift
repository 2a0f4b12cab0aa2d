import Transformer

/// The hand-made weights of paper 002's Props. 3 (PT) and 4 (ICL), App. C.1, in a
/// `OneHotAttentionModel` with relative key positions and head size d = V + T, W_Q = W_V = I:
/// the key table then holds W_KQ (row c, column a: W_KQ[c, a], the score of key c under query
/// token a) and the output table W_OV (row v, column a: W_OV[v, a]). Heads in order relation,
/// subject, grammar (`Head`); Thm. 2's two-head model leaves the grammar head out.
///
/// [!] Props. 3 and 4 write W_OV^subj = -Σ_j (Σ_{j'≠j, ℓ} h(a_{j'}^ℓ)) h(s_j)^T, which counts an
/// attribute shared by several other subjects several times and also hits values subject j
/// shares with them; the proofs use f_subj = -(Σ_u h(u) - Σ_ℓ h(a_j^ℓ)), -1 on every attribute
/// not of subject j, which is what is built here.
public struct RelationConstruction {
    public enum Head: Int, CaseIterable { case relation, subject, grammar }

    public let world: RelationWorld
    /// T: positions of the longest sequence the model will read.
    public let context: Int
    public let beta: Float
    public let heads: [Head]

    public init(world: RelationWorld, context: Int, beta: Float, heads: [Head] = Head.allCases) {
        self.world = world; self.context = context; self.beta = beta; self.heads = heads
    }

    public var config: OneHotAttentionConfig {
        OneHotAttentionConfig(vocabulary: world.size, context: context, heads: heads.count,
                              headSize: world.size + context, positions: .relative)
    }

    /// A model carrying Prop. 3's weights (the PT construction).
    public func pretrainingModel(threads: Int = 1) throws -> OneHotAttentionModel {
        try model(threads: threads) { head, kq, ov in
            switch head {
            case .relation: relationHeadForPretraining(kq, ov)
            case .subject: subjectHead(kq, ov, queryOffsetBonus: false)
            case .grammar: grammarHead(kq, ov)
            }
        }
    }

    /// A model carrying Prop. 4's weights (the ICL construction), with U'_ℓ the attributes of
    /// `seenSubjects` (the subjects finetuned on).
    public func inContextModel(seenSubjects: [Int], threads: Int = 1) throws -> OneHotAttentionModel {
        try model(threads: threads) { head, kq, ov in
            switch head {
            case .relation: relationHeadForInContext(kq, ov, seen: seenSubjects)
            case .subject: subjectHead(kq, ov, queryOffsetBonus: true)
            case .grammar: grammarHead(kq, ov)
            }
        }
    }

    // MARK: Writing W_KQ and W_OV

    /// Write access to one head's W_KQ (rows: key coordinates, tokens then key slots; columns:
    /// query tokens) and W_OV (rows: logit tokens; columns: value tokens).
    struct HeadWeights {
        let table: UnsafeMutableBufferPointer<Float>, columns: Int, offset: Int
        subscript(row: Int, column: Int) -> Float {
            get { table[row * columns + offset + column] }
            nonmutating set { table[row * columns + offset + column] = newValue }
        }
    }

    private func model(threads: Int, _ build: (Head, HeadWeights, HeadWeights) -> Void) throws -> OneHotAttentionModel {
        let config = self.config, model = try OneHotAttentionModel(config: config, seed: 0, threads: threads)
        let D = config.headSize, C = config.heads * D
        func table(_ name: String) -> UnsafeMutableBufferPointer<Float> { model.values(of: model.tensor(named: name)!) }
        let query = table("query"), key = table("key"), value = table("value"), output = table("output")
        for t in [query, key, value, output] { t.update(repeating: 0) }
        for (h, head) in heads.enumerated() {
            for v in 0..<config.vocabulary {
                query[v * C + h * D + v] = 1
                value[v * C + h * D + v] = 1
            }
            build(head, HeadWeights(table: key, columns: C, offset: h * D), HeadWeights(table: output, columns: C, offset: h * D))
        }
        return model
    }

    /// The key row of relative offset k (the key k positions before the query).
    private func offset(_ k: Int) -> Int { world.size + context - 1 - k }

    /// p = Σ_{i=1}^{S+2} h(p_{-i+1}): the S + 2 most recent positions.
    private var recentOffsets: [Int] { (0...(world.grammarLength + 1)).map(offset) }

    private var separator: Int { Int(world.vocabulary.separator) }
    private var subjects: Range<Int> { 0..<world.vocabulary.subjects }
    private var relations: [Int] { (0..<world.types).map { Int(world.relation($0)) } }
    private var grammar: [Int] { (0..<world.vocabulary.grammarTokens).map { Int(world.vocabulary.grammar($0)) } }
    private var attributes: Range<Int> { world.vocabulary.subjects..<world.vocabulary.grammarOffset }

    /// Prop. 3: W_KQ = β(Σ_ℓ h(r_ℓ) + p) h(sep)^T, W_OV = Σ_ℓ Σ_j h(u_j^ℓ) h(r_ℓ)^T.
    private func relationHeadForPretraining(_ kq: HeadWeights, _ ov: HeadWeights) {
        for r in relations + recentOffsets { kq[r, separator] += beta }
        for l in 0..<world.types { for u in world.values(ofType: l) { ov[Int(u), relations[l]] = 1 } }
    }

    /// Prop. 4: W_KQ = β Σ_ℓ Σ_{u∈U'_ℓ} h(u) h(sep)^T, W_OV = Σ_ℓ (Σ_{U'_ℓ} h(u))(Σ_{U'_ℓ} h(u) + h(r_ℓ))^T.
    private func relationHeadForInContext(_ kq: HeadWeights, _ ov: HeadWeights, seen: [Int]) {
        for l in 0..<world.types {
            let seenValues = Set(seen.map { Int(world.attribute(subject: $0, type: l)) }).sorted()
            for u in seenValues {
                kq[u, separator] = beta
                for column in seenValues + [relations[l]] { ov[u, column] = 1 }
            }
        }
    }

    /// Props. 3 and 4: W_KQ = β(Σ_j h(s_j) [+ h(p_{-1}) for ICL]) h(sep)^T, and W_OV = -1 from
    /// each subject to every attribute that is not its own.
    private func subjectHead(_ kq: HeadWeights, _ ov: HeadWeights, queryOffsetBonus: Bool) {
        for s in subjects { kq[s, separator] = beta }
        if queryOffsetBonus { kq[offset(1), separator] += beta }
        for s in subjects {
            let own = Set((0..<world.types).map { Int(world.attribute(subject: s, type: $0)) })
            for u in attributes where !own.contains(u) { ov[u, s] = -1 }
        }
    }

    /// Prop. 3's grammar head (also Prop. 4's):
    /// W_KQ = β(Σ_u h(u)h(u)^T + Σ_j h(s_j)h(s_j)^T + Σ_ℓ (h(r_ℓ) + h(sep) + p) h(r_ℓ)^T
    ///          + (Σ_ℓ h(r_ℓ) + h(sep) + p) Σ_g h(g)^T),
    /// W_OV = Σ_j Σ_ℓ h(s_j) h(a_j^ℓ)^T + (Σ_g h(g) + Σ_ℓ h(r_ℓ))(Σ_j h(s_j) + h(sep))^T
    ///          + (0.5 Σ_g h(g) + h(sep)) Σ_ℓ h(r_ℓ)^T.
    private func grammarHead(_ kq: HeadWeights, _ ov: HeadWeights) {
        for u in attributes { kq[u, u] += beta }
        for s in subjects { kq[s, s] += beta }
        for r in relations { for row in [r, separator] + recentOffsets { kq[row, r] += beta } }
        for g in grammar { for row in relations + [separator] + recentOffsets { kq[row, g] += beta } }
        for s in subjects { for l in 0..<world.types { ov[s, Int(world.attribute(subject: s, type: l))] += 1 } }
        for row in grammar + relations { for column in Array(subjects) + [separator] { ov[row, column] += 1 } }
        for r in relations {
            for g in grammar { ov[g, r] += 0.5 }
            ov[separator, r] += 1
        }
    }
}
