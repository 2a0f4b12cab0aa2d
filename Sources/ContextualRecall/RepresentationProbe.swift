import Linalg
import Transformer

/// Paper 002's representation inputs X_{ℓ,t} = [s_1, a_1^ℓ, sep, ..., s_t, a_t^ℓ, sep, s_q] and
/// what a finetuned GPT does with them at the last position (spec B.7): the activations at each
/// block's attention and block output, the prediction, and steering by replacing the last
/// block's attention output.
struct RepresentationProbe {
    let world: RecallWorld
    let model: GPTModel

    var width: Int { model.config.width }

    /// K contexts per attribute type, at full length: N demonstration subjects (drawn from all
    /// subjects) and a query subject (drawn from `queries`) each.
    struct Contexts {
        let types: [Int]
        let subjects: [[Int]]
        var queries: [Int] { subjects.map { $0.last! } }

        /// Every context cut to its first t demonstrations and the query.
        func truncated(to t: Int) -> Contexts {
            Contexts(types: types, subjects: subjects.map { Array($0.prefix(t)) + [$0.last!] })
        }
    }

    func contexts(perType K: Int, demonstrations N: Int, queries: [Int], _ seed: RNG) -> Contexts {
        var rng = seed, types: [Int] = [], subjects: [[Int]] = []
        for type in 0..<world.settings.types {
            for _ in 0..<K {
                types.append(type)
                subjects.append((0..<N).map { _ in rng.int(below: world.settings.subjects) } + [queries[rng.int(below: queries.count)]])
            }
        }
        return Contexts(types: types, subjects: subjects)
    }

    /// The tokens of every context, `[count, 3t + 1]`.
    private func sequenceTokens(_ contexts: Contexts) -> (tokens: [Int32], length: Int) {
        let v = world.vocabulary, length = 3 * (contexts.subjects[0].count - 1) + 1
        var tokens: [Int32] = []
        tokens.reserveCapacity(contexts.types.count * length)
        for (type, subjects) in zip(contexts.types, contexts.subjects) {
            for subject in subjects.dropLast() {
                tokens += [v.subject(subject), world.attribute(subject: subject, type: type), v.separator]
            }
            tokens.append(v.subject(subjects.last!))
        }
        return (tokens, length)
    }

    /// Every site's last-position vector of every context (`sites[2l]`: block l's attention
    /// output, `sites[2l + 1]`: its output; each `[count, width]`), and the share of contexts
    /// whose prediction is the query's attribute of the context's type.
    func capture(_ contexts: Contexts) throws -> (sites: [[Double]], accuracy: Double) {
        let (tokens, T) = sequenceTokens(contexts), B = contexts.types.count, C = width
        var sites = [[Double]](repeating: [], count: 2 * model.config.layers)
        model.activationHook = { view in
            let index: Int
            switch view.site {
            case .attentionOutput(let l): index = 2 * l
            case .blockOutput(let l): index = 2 * l + 1
            default: return
            }
            for b in 0..<B { sites[index] += (0..<C).map { Double(view.values[(b * T + T - 1) * C + $0]) } }
        }
        defer { model.activationHook = nil }
        try tokens.withUnsafeBufferPointer { try model.forward(.tokens($0), batch: B, length: T) }
        var right = 0
        for b in 0..<B where RecallMetrics.prediction(model.predictions, row: b * T + T - 1, vocabulary: world.vocabulary.size)
            == world.attribute(subject: contexts.queries[b], type: contexts.types[b]) { right += 1 }
        return (sites, Double(right) / Double(B))
    }

    /// C̄(ℓ, ℓ'): the mean cosine over every pair of a type-ℓ and a type-ℓ' vector.
    func typeCosines(_ vectors: [Double], types: [Int]) -> [[Double]] {
        let C = width, n = types.count, L = world.settings.types
        let norms = (0..<n).map { i in (0..<C).reduce(0.0) { $0 + vectors[i * C + $1] * vectors[i * C + $1] }.squareRoot() }
        var sums = [[Double]](repeating: [Double](repeating: 0, count: L), count: L)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: L), count: L)
        for i in 0..<n {
            for j in 0..<n {
                var dot = 0.0
                for c in 0..<C { dot += vectors[i * C + c] * vectors[j * C + c] }
                sums[types[i]][types[j]] += norms[i] > 0 && norms[j] > 0 ? dot / (norms[i] * norms[j]) : 0
                counts[types[i]][types[j]] += 1
            }
        }
        return (0..<L).map { l in (0..<L).map { m in counts[l][m] > 0 ? sums[l][m] / Double(counts[l][m]) : 0 } }
    }

    /// v_ℓ: the mean over each type's full-length contexts of the last block's attention output.
    func typeMeans(_ contexts: Contexts) throws -> [[Double]] {
        let site = try capture(contexts).sites[2 * model.config.layers - 2], C = width, L = world.settings.types
        var means = [[Double]](repeating: [Double](repeating: 0, count: C), count: L)
        var counts = [Int](repeating: 0, count: L)
        for (i, type) in contexts.types.enumerated() {
            for c in 0..<C { means[type][c] += site[i * C + c] }
            counts[type] += 1
        }
        return (0..<L).map { l in means[l].map { $0 / Double(max(1, counts[l])) } }
    }

    /// The mean rank of the original and the target answer when every context of another type
    /// than `target` has its last attention output replaced by (1 - β) v_ℓ + β v_target.
    func steer(_ contexts: Contexts, means: [[Double]], target: Int, beta: Double) throws -> (original: Double, target: Double) {
        let chosen = contexts.types.indices.filter { contexts.types[$0] != target }
        let sources = Contexts(types: chosen.map { contexts.types[$0] }, subjects: chosen.map { contexts.subjects[$0] })
        let (tokens, T) = sequenceTokens(sources), B = chosen.count, C = width, last = model.config.layers - 1
        model.activationHook = { view in
            guard case .attentionOutput(let l) = view.site, l == last else { return }
            for b in 0..<B {
                let row = (b * T + T - 1) * C, source = means[sources.types[b]], goal = means[target]
                for c in 0..<C { view.values[row + c] = Float((1 - beta) * source[c] + beta * goal[c]) }
            }
        }
        defer { model.activationHook = nil }
        try tokens.withUnsafeBufferPointer { try model.forward(.tokens($0), batch: B, length: T) }
        var original = 0.0, moved = 0.0
        for b in 0..<B {
            let query = sources.queries[b]
            original += Double(rank(world.attribute(subject: query, type: sources.types[b]), sequence: b, length: T))
            moved += Double(rank(world.attribute(subject: query, type: target), sequence: b, length: T))
        }
        return (original / Double(B), moved / Double(B))
    }

    /// 1 + the number of tokens with a larger logit at sequence b's last position.
    private func rank(_ token: Int32, sequence b: Int, length T: Int) -> Int {
        let logits = model.predictions, V = world.vocabulary.size, row = (b * T + T - 1) * V
        let own = logits[row + Int(token)]
        return 1 + (0..<V).filter { logits[row + $0] > own }.count
    }
}
