import Transformer

/// Thesis ch. 4's training step as `induction.train` takes it (d = 64, 8 heads, RoPE, batch
/// 32, five-token sequences from the real few-shot stream, Adam), for `toyworld bench train`.
/// At this size per-step overhead, not product speed, sets the pace.
public enum InductionBench {
    public static let name = "induction"
    static let config = AttentionOnlyConfig(layers: 2, width: 64, heads: 8, context: FewShotBatch.length, exemplarSize: 64, labels: 5,
                                            positions: .rope)
    public static let work = StepWork.attentionOnly(config, batch: 32, length: FewShotBatch.length)

    public static func run(threads: Int, steps: Int) throws -> TrainBench.Timing {
        let world = FewShotWorld(settings: .init(classes: 50, testClasses: 100, labels: 5, exemplarSize: 64, heldOutPairs: 2), seed: 0)
        let model = try AttentionOnlyModel(config: config, seed: 0, threads: threads)
        let trainer = try Trainer(model: model, optimizer: AdamWConfig(learningRate: 1e-5, weightDecay: 0))
        return try TrainBench.measure(trainer, source: FewShotBatchSource(world: world, batch: 32, seed: 0), steps: steps, freshBatches: true, work: work)
    }
}
