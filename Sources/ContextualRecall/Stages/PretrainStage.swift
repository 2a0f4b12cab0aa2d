import Pipeline
import Transformer

/// `cr.pretrain`: a GPT on fresh PT batches every step (spec B.6), with checkpoints.
public enum PretrainStage: StageKind {
    public static let name = "cr.pretrain"
    public static let version = 2
    public static let resources = JobResources.training
    public static let summary = "Pretrain a GPT on PT sequences of a cr.world; parameters at regular checkpoints; resumable"
    public static let parameters: [ParamSpec] = [
        ParamSpec("layers", .int, default: .int(2), range: .closed(1, 256), help: "transformer blocks (paper: 2)"),
        ParamSpec("width", .int, default: .int(128), range: .closed(1, 4096), help: "model width (paper: 256)"),
        ParamSpec("heads", .int, default: .int(1), range: .closed(1, 1024), help: "attention heads (paper: 1)"),
        ParamSpec("iterations", .int, default: .int(3000), range: .closed(1, RecallParameters.maxIterations),
                  help: "training steps (paper: 20000)"),
        ParamSpec("lr", .double, default: .double(1e-3), range: .above(0), help: "AdamW learning rate, constant (paper: 1e-4)"),
        ParamSpec("checkpoint_every", .int, default: .int(250), range: .closed(1, RecallParameters.maxIterations),
                  help: "steps between parameter checkpoints"),
    ] + RecallParameters.optimizer
    public static let rules: [ParamRule] = [.divides("heads", "width"), RecallParameters.checkpointRule]
    public static let inputs = [InputSpec("world", help: "cr.world artifact")]
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws {
        let p = RecallParameters(context: context)
        let world = try RecallWorld.read(from: context.input("world"))
        let V = world.vocabulary.size
        let config = ModelConfig(layers: p.params.int("layers"), width: p.params.int("width"),
                                 heads: p.params.int("heads"), context: world.settings.modelContext,
                                 input: .tokens(V), output: .logits(V))
        let model = try GPTModel(config: config, seed: p.seed, threads: context.threads)
        let all = Array(0..<world.settings.subjects)
        let generator = SequenceGenerator(world: world, kind: .pretraining(finalFact: false), querySubjects: all, demonstrationSubjects: all)
        try TrainingStage.train(context, model: model, start: .scratch, learningRate: p.params.double("lr"),
                                attributes: [("finetune_subjects", .int(Int64(world.settings.finetunePool))), ("mode", .string("pretrain"))]) {
            SequenceBatchSource(generator: generator, batch: $0, seed: $1)
        }
    }
}
