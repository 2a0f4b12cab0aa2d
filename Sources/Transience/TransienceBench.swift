import Transformer

/// Paper 003's training step as `transience.train` takes it (12,800 classes x 20 exemplars,
/// d = 64, 8 heads, learned positions, logits at the query over 12,800 labels with bias, batch
/// 32, dense Adam), for `toyworld bench train`. The label embedding and unembedding (1.6M of the
/// 1.7M parameters) dominate: their products and their dense Adam update.
public enum TransienceBench {
    public static let name = "transience"

    static let config = AttentionOnlyConfig(layers: 2, width: 64, heads: 8, context: FewShotBatch.length, exemplarSize: 64, labels: 12_800,
                                            positions: .learned, readout: .last, unembeddingBias: true, labelEmbeddingStd: 0.02)
    public static let work = StepWork.attentionOnly(config, batch: 32, length: FewShotBatch.length)

    public static func run(threads: Int, steps: Int) throws -> TrainBench.Timing {
        let world = ClassWorld(settings: .init(classes: 12_800, exemplarsPerClass: 20, exemplarSize: 64, spread: 1), seed: 0)
        let model = try AttentionOnlyModel(config: config, seed: 0, threads: threads)
        let trainer = try Trainer(model: model, optimizer: AdamWConfig(learningRate: 1e-5, weightDecay: 0))
        return try TrainBench.measure(trainer, source: TransienceBatchSource(world: world, set: .train, batch: 32, seed: 0),
                                      steps: steps, freshBatches: true, work: work)
    }
}
