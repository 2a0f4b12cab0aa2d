import Transformer

/// Paper 002 §4's pretraining step as `cr.relation-train` takes it for the 2,048-subject world
/// of Figs. 13 and 14 (`cr4m-pretrain`: V = 2,377, 3 heads of d_h = 256, 64 positions, batch
/// 64, PT sequences drawn fresh each step), for `toyworld bench train`. The read-out over the
/// vocabulary at every position is most of its products.
public enum RelationBench {
    public static let name = "relation"
    static let world = RelationWorld(subjects: 2048, valueCounts: [Int](repeating: 32, count: 8), grammarTokens: 64,
                                     grammarLength: 10, blocks: 5, finetunePool: 1024, seed: 0)
    static let config = OneHotAttentionConfig(vocabulary: world.size, context: world.pretrainingTokens - 1, heads: 3, headSize: 256,
                                              positions: .relative)
    public static let batch = 64
    public static let work = StepWork.oneHotAttention(config, batch: batch, length: config.context)

    public static func run(threads: Int, steps: Int) throws -> TrainBench.Timing {
        let model = try OneHotAttentionModel(config: config, seed: 0, threads: threads)
        let trainer = try Trainer(model: model, optimizer: AdamWConfig(learningRate: 1e-3))
        return try TrainBench.measure(trainer, source: RelationBatchSource(world: world, kind: .pretraining, batch: batch, seed: 0),
                                      steps: steps, freshBatches: true, work: work)
    }
}
