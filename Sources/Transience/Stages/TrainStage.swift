import Pipeline
import Transformer

/// `transience.train`: paper 003's attention-only transformer (learned positions, logits at the
/// query over every class label, with bias) on bursty or matched-exemplar sequences; Adam
/// without weight decay, dense over the whole label embedding and unembedding (spec §9).
public enum TrainStage: StageKind {
    public static let name = "transience.train"
    public static let version = 1
    public static let resources = JobResources.training
    public static let summary = "Train paper 003's attention-only transformer on bursty (or matched-exemplar) sequences of a transience.world"
    public static let parameters: [ParamSpec] = [
        ParamSpec("layers", .int, default: .int(2), range: .closed(1, 16), help: "blocks (paper: 2; Fig. 13: 1)"),
        ParamSpec("width", .int, default: .int(64), range: .closed(2, 4_096), help: "model width (paper: 64)"),
        ParamSpec("heads", .int, default: .int(8), range: .closed(1, 64), help: "heads per layer (paper: 8)"),
        ParamSpec("positions", .string, default: .string("learned"), choices: PositionScheme.allCases.map(\.rawValue),
                  help: "position scheme (paper: learned; Fig. 8 compares sinusoidal and rope)"),
        ParamSpec("sequences", .int, default: .int(20_000_000), range: .closed(1, 1e11), help: "sequences seen (paper: 2e7 in most plots)"),
        ParamSpec("batch", .int, default: .int(32), range: .closed(1, 65_536), help: "sequences per step (paper: 32)"),
        ParamSpec("lr", .double, default: .double(1e-5), range: .above(0), help: "Adam learning rate, constant (paper: 1e-5)"),
        ParamSpec("checkpoint_every", .int, default: .int(100_000), range: .closed(1, 1e11),
                  help: "sequences between checkpoints (paper's code: 5e4)"),
        ParamSpec("data", .string, default: .string("train"), choices: [TransienceSet.train.rawValue, TransienceSet.matched.rawValue],
                  help: "train: bursty sequences; matched: the same-class context exemplar is the query exemplar (Fig. 6)"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the initialisation and the data stream"),
    ]
    public static let rules: [ParamRule] = [
        .divides("heads", "width"), .divides("batch", "checkpoint_every"), .divides("checkpoint_every", "sequences"),
    ]
    public static let inputs = [InputSpec("world", help: "transience.world artifact")]
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let world = try ClassWorld.read(from: context.input("world"))
        let config = AttentionOnlyConfig(layers: p.int("layers"), width: p.int("width"), heads: p.int("heads"), context: FewShotBatch.length,
                                         exemplarSize: world.settings.exemplarSize, labels: world.settings.classes,
                                         positions: PositionScheme(rawValue: p.string("positions"))!, readout: .last,
                                         unembeddingBias: true, labelEmbeddingStd: 0.02)
        let seed = UInt64(bitPattern: Int64(p.int("seed"))), batch = p.int("batch")
        let model = try AttentionOnlyModel(config: config, seed: seed, threads: context.threads)
        let source = TransienceBatchSource(world: world, set: TransienceSet(rawValue: p.string("data"))!, batch: batch, seed: seed)
        let run = try TrainingRun.adam(model, source: source, learningRate: p.double("lr"), sequences: p.int("sequences"),
                                       checkpointEvery: p.int("checkpoint_every"), workDirectory: context.workDirectory)
        try run.run(progress: context.progress)
        try run.writeArtifact(to: context.output("run"), attributes: [("data", .string(p.string("data"))), ("seed", .int(Int64(p.int("seed"))))])
    }
}
