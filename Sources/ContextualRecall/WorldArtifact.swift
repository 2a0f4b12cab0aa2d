import Artifacts
import Foundation

/// The `world` artifact of `cr.world`: `facts` int32 [M, L], `chains` float64 [L + 1, G, G]
/// (the last is the grammar-only chain), `subject_order` int32 [M], settings and Div as root
/// attributes.
extension RecallWorld {
    public func write(to file: ArtifactFile) throws {
        let s = settings, G = s.grammarTokens
        try file.write("facts", facts, shape: [s.subjects, s.types])
        try file.write("chains", (typeChains + [grammarOnlyChain]).flatMap(\.transitions), shape: [s.types + 1, G, G])
        try file.write("subject_order", subjectOrder.map { Int32($0) }, shape: [s.subjects])
        let ints: [(String, Int)] = [("subjects", s.subjects), ("grammar_tokens", G), ("grammar_length", s.grammarLength),
                                     ("blocks", s.blocks), ("pool", s.pool), ("restarts", s.restarts),
                                     ("finetune_pool", s.finetunePool), ("icl_examples", s.iclExamples),
                                     ("grammar_ft_max", s.grammarFinetuneMax), ("vocabulary", vocabulary.size)]
        for (key, value) in ints { try file.setAttribute(key, .int(Int64(value))) }
        let doubles: [(String, Double)] = [("grammar_only_probability", s.grammarOnlyProbability), ("alpha", s.alpha),
                                           ("target_div", s.targetDiv), ("div_row_mean", div.rowMean),
                                           ("div_entrywise", div.entrywise), ("div_induced", div.induced)]
        for (key, value) in doubles { try file.setAttribute(key, .double(value)) }
        try file.setAttribute("value_counts", .ints(s.valueCounts.map { Int64($0) }))
    }

    public static func read(from url: URL) throws -> RecallWorld {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        func fail(_ why: String) -> RecallError { .artifact(file: url.path, reason: why) }
        let int = { try file.requiredInt($0) }, double = { try file.requiredDouble($0) }
        guard case .ints(let counts)? = try file.attribute("value_counts") else { throw fail("attribute value_counts missing") }
        let settings = WorldSettings(
            subjects: try int("subjects"), valueCounts: counts.map { Int($0) }, grammarTokens: try int("grammar_tokens"),
            grammarLength: try int("grammar_length"), blocks: try int("blocks"),
            grammarOnlyProbability: try double("grammar_only_probability"), alpha: try double("alpha"),
            targetDiv: try double("target_div"), pool: try int("pool"), restarts: try int("restarts"),
            finetunePool: try int("finetune_pool"), iclExamples: try int("icl_examples"), grammarFinetuneMax: try int("grammar_ft_max"))
        try settings.validate(stage: url.lastPathComponent)
        let M = settings.subjects, L = settings.types, G = settings.grammarTokens
        let facts = try file.read("facts", as: Int32.self)
        let chains = try file.read("chains", as: Double.self)
        let order = try file.read("subject_order", as: Int32.self)
        guard facts.shape == [M, L] else { throw fail("facts has shape \(facts.shape), expected \([M, L])") }
        guard chains.shape == [L + 1, G, G] else { throw fail("chains has shape \(chains.shape), expected \([L + 1, G, G])") }
        guard order.shape == [M], Set(order.values.map { Int($0) }) == Set(0..<M) else { throw fail("subject_order is not a permutation of 0..<\(M)") }
        let vocabulary = settings.vocabulary
        for (i, token) in facts.values.enumerated() where vocabulary.attributeType(of: token) != i % L {
            throw fail("facts[\(i / L), \(i % L)] = \(token) is not a value of type \(i % L)")
        }
        let matrices = (0...L).map { MarkovChain(states: G, transitions: Array(chains.values[($0 * G * G)..<(($0 + 1) * G * G)])) }
        let div = ChainDistance(rowMean: try double("div_row_mean"), entrywise: try double("div_entrywise"), induced: try double("div_induced"))
        return RecallWorld(settings: settings, facts: facts.values, typeChains: Array(matrices[0..<L]), grammarOnlyChain: matrices[L],
                           div: div, subjectOrder: order.values.map { Int($0) })
    }
}
