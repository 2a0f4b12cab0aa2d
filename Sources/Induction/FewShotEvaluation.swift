import Foundation
import Linalg
import Transformer

/// Loss, accuracy and L2 induction strength of a model over a fixed list of sequences, in
/// batches, under interventions built per batch (a clamp may borrow the batch's buffers).
struct FewShotEvaluation {
    struct Result {
        var loss = 0.0, accuracy = 0.0
        /// Per L2 head: attention from the query to the target label token minus to the other one.
        var strength: [Double] = []
    }

    let world: FewShotWorld
    let sequences: [FewShotSequence]
    let batch: FewShotBatch

    init(world: FewShotWorld, sequences: [FewShotSequence], batchSize: Int) {
        self.world = world; self.sequences = sequences
        batch = FewShotBatch(batch: min(batchSize, sequences.count), exemplarSize: world.settings.exemplarSize)
    }

    /// Sequences of `split` drawn from `seed` (the same for every checkpoint).
    static func draw(_ split: FewShotSplit, count: Int, world: FewShotWorld, seed: UInt64) -> [FewShotSequence] {
        var rng = RNG(seed: seed).derive("induction.eval." + split.rawValue)
        return (0..<count).map { _ in FewShotSequence.draw(split, world: world, &rng) }
    }

    /// Accuracy is the argmax over every label at the query (chance 1/labels; the log 2
    /// plateau is 1/2). A last partial batch is padded with the list's first sequences, which
    /// are left out of the averages.
    func run(_ model: AttentionOnlyModel, _ interventions: (FewShotBatch) -> Interventions) throws -> Result {
        try model.intervene(interventions(batch))
        let B = batch.batch, T = FewShotBatch.length, H = model.config.heads
        var result = Result(strength: [Double](repeating: 0, count: H))
        var start = 0
        while start < sequences.count {
            let n = min(B, sequences.count - start)
            for b in 0..<B { batch.set(b, sequences[b < n ? start + b : b], world: world) }
            try model.forward(batch.input, batch: B, length: T)
            _ = try model.loss(batch.modelTargets, mask: batch.lossMask)
            let losses = try model.lossPerPosition(), att = try model.pattern(layer: 1)
            for b in 0..<n {
                let s = sequences[start + b], row = (b * T + T - 1)
                result.loss += Double(losses[row])
                let z = try model.queryLogits(sequence: b)
                if z.indices.max(by: { z[$0] < z[$1] }) == s.target { result.accuracy += 1 }
                for h in 0..<H {
                    let query = att.baseAddress! + ((b * H + h) * T + T - 1) * T
                    result.strength[h] += Double(query[s.targetPosition] - query[4 - s.targetPosition])
                }
            }
            start += n
        }
        let count = Double(sequences.count)
        result.loss /= count; result.accuracy /= count
        result.strength = result.strength.map { $0 / count }
        return result
    }
}
