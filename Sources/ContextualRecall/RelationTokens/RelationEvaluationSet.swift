import Linalg
import Transformer

/// A fixed set of §4 evaluation sequences (the same for every checkpoint) with the ground
/// truth of each: the subject and the attribute type whose value is the final token.
struct RelationEvaluationSet {
    /// `[count, length]`: every sequence without its final token.
    let inputs: [Int32]
    let subjects: [Int]
    let types: [Int]
    let length: Int
    let batch: Int

    var count: Int { subjects.count }

    /// PT sequences (eq. 2).
    static func pretraining(_ world: RelationWorld, count: Int, batch: Int, _ seed: RNG) -> RelationEvaluationSet {
        var rng = seed, tokens = [Int32](repeating: 0, count: world.pretrainingTokens)
        var inputs: [Int32] = [], subjects: [Int] = [], types: [Int] = []
        for _ in 0..<count {
            let truth = tokens.withUnsafeMutableBufferPointer { world.pretrainingSequence(&rng, into: $0.baseAddress!) }
            inputs += tokens.dropLast()
            subjects.append(truth.subject)
            types.append(truth.type)
        }
        return RelationEvaluationSet(inputs: inputs, subjects: subjects, types: types, length: tokens.count - 1, batch: batch)
    }

    /// ICL sequences (eq. 3) whose query subject is drawn from `queries` and whose
    /// demonstrations come from all subjects (spec B.4 [A]), one uniform type each.
    static func inContext(_ world: RelationWorld, queries: [Int], demonstrations n: Int, count: Int, batch: Int,
                          _ seed: RNG) -> RelationEvaluationSet {
        var rng = seed, tokens = [Int32](repeating: 0, count: world.inContextTokens(demonstrations: n))
        var inputs: [Int32] = [], subjects: [Int] = [], types: [Int] = []
        for _ in 0..<count {
            let type = rng.int(below: world.types)
            let chosen = (0..<n).map { _ in rng.int(below: world.vocabulary.subjects) } + [queries[rng.int(below: queries.count)]]
            tokens.withUnsafeMutableBufferPointer { world.inContextSequence(type: type, subjects: chosen, into: $0.baseAddress!) }
            inputs += tokens.dropLast()
            subjects.append(chosen.last!)
            types.append(type)
        }
        return RelationEvaluationSet(inputs: inputs, subjects: subjects, types: types, length: tokens.count - 1, batch: batch)
    }

    /// What one model does on the set, at each sequence's last position.
    struct Probe {
        var metrics: RecallMetrics
        /// Per head: mean cosine of its logit contribution with f_subj and with f_rel.
        var subjectCosine: [Double]
        var relationCosine: [Double]
    }

    func probe(_ model: OneHotAttentionModel, world: RelationWorld) throws -> Probe {
        let H = model.config.heads, V = model.config.vocabulary, T = length
        let vocabulary = world.vocabulary, attributes = vocabulary.subjects..<vocabulary.grammarOffset
        var probe = Probe(metrics: RecallMetrics(types: world.types), subjectCosine: Array(repeating: 0, count: H),
                          relationCosine: Array(repeating: 0, count: H))
        var first = 0
        while first < count {
            let size = min(batch, count - first)
            try inputs[(first * T)..<((first + size) * T)].withUnsafeBufferPointer {
                try model.forward(.tokens($0), batch: size, length: T)
            }
            let logits = try model.logits()
            for b in 0..<size {
                let subject = subjects[first + b], type = types[first + b]
                probe.metrics.record(prediction: RecallMetrics.prediction(logits, row: b * T + T - 1, vocabulary: V),
                                     subject: subject, type: type, world: world)
                let own = Set((0..<world.types).map { Int(world.attribute(subject: subject, type: $0)) })
                let typeRange = vocabulary.typeOffsets[type]..<(vocabulary.typeOffsets[type] + vocabulary.valueCounts[type])
                for h in 0..<H {
                    let contribution = try model.headLogits(head: h, sequence: b, position: T - 1)
                    let norm = contribution.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
                    guard norm > 0 else { continue }
                    var notOwn = 0.0, ofType = 0.0
                    for u in attributes where !own.contains(u) { notOwn -= Double(contribution[u]) }
                    for u in typeRange { ofType += Double(contribution[u]) }
                    probe.subjectCosine[h] += notOwn / (norm * Double(attributes.count - own.count).squareRoot())
                    probe.relationCosine[h] += ofType / (norm * Double(typeRange.count).squareRoot())
                }
            }
            first += size
        }
        for h in 0..<H {
            probe.subjectCosine[h] /= Double(count)
            probe.relationCosine[h] /= Double(count)
        }
        return probe
    }
}
