import Linalg
import Transformer

/// Accuracy and loss of a model on a fixed list of sequences of one set, in batches.
/// Accuracy is in-context accuracy (argmax over the two context labels, chance 1/2) for every
/// set but IWL, whose target is never in context: there it is plain accuracy over all labels.
struct TransienceEvaluation {
    struct Result { var accuracy = 0.0, loss = 0.0 }

    let world: ClassWorld
    let set: TransienceSet
    let sequences: [TransienceSequence]
    let batch: FewShotBatch

    /// `count` sequences of `set` over the first `classes` classes and `exemplars` exemplars
    /// (paper 003's code: 1,600 and 5), the same at every checkpoint.
    init(world: ClassWorld, set: TransienceSet, count: Int, classes: Int, exemplars: Int, batchSize: Int, seed: UInt64) {
        self.world = world; self.set = set
        var rng = RNG(seed: seed).derive("transience.eval." + set.rawValue)
        let c = min(classes, world.settings.classes), e = min(exemplars, world.settings.exemplarsPerClass)
        sequences = (0..<count).map { _ in TransienceSequence.draw(set, classes: c, exemplars: e, &rng) }
        batch = FewShotBatch(batch: min(batchSize, count), exemplarSize: world.settings.exemplarSize)
    }

    /// A last partial batch is padded with the list's first sequences, left out of the means.
    func run(_ model: AttentionOnlyModel) throws -> Result {
        let B = batch.batch, T = FewShotBatch.length
        var result = Result(), start = 0
        while start < sequences.count {
            let n = min(B, sequences.count - start)
            for b in 0..<B { batch.set(b, sequences[b < n ? start + b : b], world: world) }
            try model.forward(batch.input, batch: B, length: T)
            _ = try model.loss(batch.modelTargets, mask: batch.lossMask)
            let losses = try model.lossPerPosition()
            for b in 0..<n {
                let s = sequences[start + b], z = try model.queryLogits(sequence: b)
                result.loss += Double(losses[b * T + T - 1])
                let correct = set == .iwl ? z.indices.max(by: { z[$0] < z[$1] }) == s.target : s.inContextCorrect(z)
                if correct { result.accuracy += 1 }
            }
            start += n
        }
        result.accuracy /= Double(sequences.count); result.loss /= Double(sequences.count)
        return result
    }
}
