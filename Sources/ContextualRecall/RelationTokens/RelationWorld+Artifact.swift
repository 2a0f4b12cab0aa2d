import Artifacts
import Foundation

/// The `world` artifact of `cr.relation-world`: `facts` int32 [M, L], `subject_order` int32 [M],
/// sizes as root attributes.
extension RelationWorld {
    public func write(to file: ArtifactFile) throws {
        let M = vocabulary.subjects
        try file.write("facts", facts, shape: [M, types])
        try file.write("subject_order", subjectOrder.map { Int32($0) }, shape: [M])
        let ints: [(String, Int)] = [("subjects", M), ("grammar_tokens", vocabulary.grammarTokens), ("grammar_length", grammarLength),
                                     ("blocks", blocks), ("finetune_pool", finetunePool), ("vocabulary", size)]
        for (key, value) in ints { try file.setAttribute(key, .int(Int64(value))) }
        try file.setAttribute("value_counts", .ints(vocabulary.valueCounts.map { Int64($0) }))
    }

    public static func read(from url: URL) throws -> RelationWorld {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        func fail(_ why: String) -> RecallError { .artifact(file: url.path, reason: why) }
        guard case .ints(let counts)? = try file.attribute("value_counts"), counts.count >= 1 else { throw fail("attribute value_counts missing") }
        let M = try file.requiredInt("subjects"), L = counts.count
        let vocabulary = Vocabulary(subjects: M, valueCounts: counts.map { Int($0) }, grammarTokens: try file.requiredInt("grammar_tokens"))
        let facts = try file.read("facts", as: Int32.self), order = try file.read("subject_order", as: Int32.self)
        guard facts.shape == [M, L] else { throw fail("facts has shape \(facts.shape), expected \([M, L])") }
        guard order.shape == [M], Set(order.values.map { Int($0) }) == Set(0..<M) else { throw fail("subject_order is not a permutation of 0..<\(M)") }
        for (i, token) in facts.values.enumerated() where vocabulary.attributeType(of: token) != i % L {
            throw fail("facts[\(i / L), \(i % L)] = \(token) is not a value of type \(i % L)")
        }
        let pool = try file.requiredInt("finetune_pool"), length = try file.requiredInt("grammar_length"), blocks = try file.requiredInt("blocks")
        guard pool >= 1, pool < M, length >= 1, blocks >= 1 else { throw fail("finetune_pool, grammar_length or blocks out of range") }
        return RelationWorld(vocabulary: vocabulary, grammarLength: length, blocks: blocks, facts: facts.values,
                             subjectOrder: order.values.map { Int($0) }, finetunePool: pool)
    }
}
