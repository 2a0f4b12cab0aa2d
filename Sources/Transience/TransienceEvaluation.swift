import Linalg
import Transformer

/// Accuracy and loss of a model on a fixed list of sequences of one set, in batches.
/// Accuracy is in-context accuracy (argmax over the two context labels, chance 1/2) for every
/// set but IWL, whose target is never in context: there it is plain accuracy over all labels.
struct TransienceEvaluation {
    struct Result {
        var accuracy = 0.0, loss = 0.0
        /// Per head of the last layer: attention from the query to the label token the target
        /// sits on minus to the other label token (induction strength on Flip data; 0 where
        /// the target is not in context).
        var strength: [Double] = []
        /// Per target label position (1 or 3, 0-based), per head of the last layer: the mean
        /// attention row of the query over positions 0..<5, over the sequences with that target
        /// position.
        var queryAttention: [Int: [[Double]]] = [:]
    }

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

    /// Runs the model under `interventions` (the plain model when nil); `prepare` is called after
    /// each batch is written, before its forward pass (a clamp fills its rows from the batch).
    /// A last partial batch is padded with the list's first sequences, left out of the means.
    func run(_ model: AttentionOnlyModel, _ interventions: Interventions? = nil,
             prepare: ((FewShotBatch) -> Void)? = nil) throws -> Result {
        let c = model.config, B = batch.batch, T = FewShotBatch.length, H = c.heads
        try model.intervene(interventions ?? .none(layers: c.layers, heads: H))
        var result = Result(strength: [Double](repeating: 0, count: H))
        var attention = [1, 3].reduce(into: [Int: [[Double]]]()) { $0[$1] = Array(repeating: Array(repeating: 0, count: T), count: H) }
        var atPosition = [1: 0, 3: 0]
        var start = 0
        while start < sequences.count {
            let n = min(B, sequences.count - start)
            for b in 0..<B { batch.set(b, sequences[b < n ? start + b : b], world: world) }
            prepare?(batch)
            try model.forward(batch.input, batch: B, length: T)
            _ = try model.loss(batch.modelTargets, mask: batch.lossMask)
            let losses = try model.lossPerPosition(), att = try model.pattern(layer: c.layers - 1)
            for b in 0..<n {
                let s = sequences[start + b], z = try model.queryLogits(sequence: b)
                result.loss += Double(losses[b * T + T - 1])
                let correct = set == .iwl ? z.indices.max(by: { z[$0] < z[$1] }) == s.target : s.inContextCorrect(z)
                if correct { result.accuracy += 1 }
                guard let position = s.targetPosition else { continue }
                atPosition[position]! += 1
                for h in 0..<H {
                    let query = att.baseAddress! + ((b * H + h) * T + T - 1) * T
                    result.strength[h] += Double(query[position] - query[4 - position])
                    for t in 0..<T { attention[position]![h][t] += Double(query[t]) }
                }
            }
            start += n
        }
        let count = Double(sequences.count)
        result.accuracy /= count; result.loss /= count
        result.strength = result.strength.map { $0 / count }
        for (position, k) in atPosition { result.queryAttention[position] = attention[position]!.map { $0.map { $0 / Double(max(1, k)) } } }
        return result
    }
}
