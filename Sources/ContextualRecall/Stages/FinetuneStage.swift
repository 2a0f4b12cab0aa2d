import Pipeline
import Transformer

/// `cr.finetune`: continue from the last pretraining checkpoint on ICL or ICL+Grm sequences
/// of a subset of subjects (spec B.3, B.4, B.6), with a fresh AdamW.
public enum FinetuneStage: StageKind {
    public static let name = "cr.finetune"
    public static let version = 2
    public static let resources = JobResources.training
    public static let summary = "Finetune a cr.pretrain model on ICL or ICL+Grm sequences of the first k finetuning subjects; resumable"
    public static let parameters: [ParamSpec] = [
        ParamSpec("mode", .string, default: .string("icl"), choices: ["icl", "icl-grm"],
                  help: "ICL sequences, or ICL+Grm with S_ft ~ Unif{1..grammar_ft_max} per sequence"),
        ParamSpec("subjects", .int, default: .int(64), range: .closed(1, WorldStage.maxSubjects),
                  help: "finetuning subjects: the first k of the world's finetuning pool (paper: 128)"),
        ParamSpec("iterations", .int, default: .int(2000), range: .closed(1, RecallParameters.maxIterations),
                  help: "finetuning steps (paper: 2000)"),
        ParamSpec("lr", .double, default: .double(1e-4), range: .above(0), help: "AdamW learning rate, constant (paper: 1e-4)"),
        ParamSpec("loss_positions", .string, default: .string("all"), choices: LossPositions.allCases.map(\.rawValue),
                  help: "train on every non-pad position, or only where the target is an attribute"),
        ParamSpec("checkpoint_every", .int, default: .int(100), range: .closed(1, RecallParameters.maxIterations),
                  help: "steps between parameter checkpoints"),
    ] + RecallParameters.optimizer
    public static let rules: [ParamRule] = [RecallParameters.checkpointRule]
    public static let inputs = [InputSpec("world", help: "cr.world artifact"),
                                InputSpec("pretrain", help: "cr.pretrain run; finetuning starts from its last checkpoint")]
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws {
        let p = RecallParameters(context: context)
        let world = try RecallWorld.read(from: context.input("world"))
        let pretrain = try RecallRun(context.input("pretrain"))
        // The world's pool is known only from its artifact, so this check stays at run time.
        let subjects = p.params.int("subjects")
        guard subjects <= world.settings.finetunePool else {
            throw p.invalid("subjects", "\(subjects)", "exceeds the world's finetuning pool of \(world.settings.finetunePool)")
        }
        guard let positions = LossPositions(rawValue: p.params.string("loss_positions")) else {
            throw p.invalid("loss_positions", p.params.string("loss_positions"), "must be all or attributes")
        }
        let mode = p.params.string("mode")
        guard mode == "icl" || mode == "icl-grm" else { throw p.invalid("mode", mode, "must be icl or icl-grm") }
        let kind: SequenceKind = mode == "icl" ? .icl : .incontext(grammar: 1...world.settings.grammarFinetuneMax)
        let model = try GPTModel(config: pretrain.config, seed: 0, threads: context.threads)
        let pool = world.finetuneSubjects(subjects)
        let generator = SequenceGenerator(world: world, kind: kind, querySubjects: pool, demonstrationSubjects: pool,
                                          lossPositions: positions)
        try TrainingStage.train(context, model: model,
                                start: .checkpoint(of: context.input("pretrain"), at: pretrain.artifact.counts.last!, moments: false),
                                learningRate: p.params.double("lr"),
                                attributes: [("finetune_subjects", .int(Int64(subjects))), ("mode", .string(mode))]) {
            SequenceBatchSource(generator: generator, batch: $0, seed: $1)
        }
    }
}
