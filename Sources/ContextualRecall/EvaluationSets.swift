import Linalg
import Transformer

/// Fixed evaluation sequences (spec B.5, B.10): drawn once from a seed, then scored at every
/// checkpoint of a run. ICL demonstrations come from all M subjects; only the query is
/// restricted to the seen (finetuned) or held-out subjects.
public struct EvaluationSet {
    public let name: String
    public let batches: [SequenceBatch]

    public init(name: String, generator: SequenceGenerator, sequences: Int, batchSize: Int, rng: RNG) {
        var rng = rng
        var batches: [SequenceBatch] = []
        var remaining = sequences
        while remaining > 0 {
            let batch = generator.makeBatch(min(batchSize, remaining))
            generator.fill(batch, &rng)
            batches.append(batch)
            remaining -= batch.batch
        }
        self.name = name
        self.batches = batches
    }

    /// PT, ICL seen / held-out and ICL+Grm with S_ft = 1 seen / held-out, for a run that
    /// finetuned on the first `finetuneSubjects` subjects of the pool.
    public static func standard(world: RecallWorld, finetuneSubjects: Int, sequences: Int, batchSize: Int,
                                seed: UInt64) -> [EvaluationSet] {
        let root = RNG(seed: seed).derive("evaluation")
        let all = Array(0..<world.settings.subjects)
        let seen = world.finetuneSubjects(finetuneSubjects), heldOut = world.heldOutSubjects
        let specs: [(String, SequenceKind, [Int])] = [
            ("pt", .pretraining(finalFact: true), all),
            ("icl_seen", .icl, seen), ("icl_heldout", .icl, heldOut),
            ("grm1_seen", .incontext(grammar: 1...1), seen), ("grm1_heldout", .incontext(grammar: 1...1), heldOut),
        ]
        return specs.map { name, kind, queries in
            EvaluationSet(name: name, generator: SequenceGenerator(world: world, kind: kind, querySubjects: queries, demonstrationSubjects: all),
                          sequences: sequences, batchSize: batchSize, rng: root.derive(name))
        }
    }

    /// The four metrics of `model`'s predictions on this set.
    public func score(_ model: GPTModel, world: RecallWorld) throws -> RecallMetrics {
        var metrics = RecallMetrics(types: world.settings.types)
        for batch in batches {
            try model.forward(.tokens(UnsafeBufferPointer(batch.inputs)), batch: batch.batch, length: batch.length)
            metrics.record(logits: model.predictions, batch: batch, world: world)
        }
        return metrics
    }
}
