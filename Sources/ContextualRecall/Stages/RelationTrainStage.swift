import Artifacts
import Foundation
import Pipeline
import Transformer

/// `cr.relation-train`: paper 002 §4's one-layer attention-only model (`OneHotAttentionModel`)
/// pretrained on PT sequences with next-token loss and a cosine schedule, or finetuned from a
/// pretraining run's last checkpoint on ICL sequences of the first `subjects` finetuning
/// subjects with the loss on the last token (spec B.8). A finetuning run records the subjects it
/// saw (`finetune_subject_ids`) and how many distinct values per type they hold (`unique_values_seen`).
public enum RelationTrainStage: StageKind {
    public static let name = "cr.relation-train"
    public static let version = 2
    public static let resources = JobResources.training
    public static let summary = "Pretrain (PT, cosine LR) or finetune (ICL, last token) paper 002 §4's one-hot attention-only model; resumable"
    public static let parameters: [ParamSpec] = [
        ParamSpec("mode", .string, default: .string("pretrain"), choices: ["pretrain", "finetune"],
                  help: "pretrain from scratch, or finetune the `from` run's last checkpoint"),
        ParamSpec("heads", .int, default: .int(3), range: .closed(1, 64), help: "attention heads (paper: 3)"),
        ParamSpec("head_size", .int, default: .int(256), range: .closed(1, 8192), help: "d_h (paper: 256; 2048 for M = 2048)"),
        ParamSpec("key_positions", .string, default: .string("relative"), choices: KeyPositions.allCases.map(\.rawValue),
                  help: "position added to the keys: relative (§4) or absolute (App. C.3.2)"),
        ParamSpec("subjects", .int, default: .int(128), range: .closed(1, WorldStage.maxSubjects),
                  help: "finetune: k subjects of the world's finetuning pool"),
        ParamSpec("unique_values", .int, default: .int(0), range: .closed(0, WorldStage.maxSubjects),
                  help: "finetune: choose the k subjects greedily to hold about this many distinct values per attribute type (Fig. 13 [A]); 0 takes the first k of the pool"),
        ParamSpec("demonstrations", .int, default: .int(5), range: .closed(1, 1_000), help: "N_ft examples per ICL sequence (paper: 5)"),
        ParamSpec("iterations", .int, default: .int(2000), range: .closed(1, RecallParameters.maxIterations),
                  help: "steps (paper: PT 2000 and FT 1000 for the validation figures; 5000 and 2000 otherwise)"),
        ParamSpec("lr", .double, default: .double(1e-3), range: .above(0), help: "AdamW learning rate (paper: 1e-3)"),
        ParamSpec("checkpoint_every", .int, default: .int(100), range: .closed(1, RecallParameters.maxIterations),
                  help: "steps between parameter checkpoints"),
    ] + RecallParameters.optimizer
    public static let rules: [ParamRule] = [RecallParameters.checkpointRule]
    public static let inputs = [InputSpec("world", help: "cr.relation-world artifact"),
                                InputSpec("from", optional: true, help: "finetune: the cr.relation-train pretraining run")]
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws {
        let p = RecallParameters(context: context)
        let world = try RelationWorld.read(from: context.input("world"))
        let finetune = p.params.string("mode") == "finetune"
        let demonstrations = p.params.int("demonstrations")
        let modelContext = max(world.pretrainingTokens, world.inContextTokens(demonstrations: demonstrations)) - 1
        let model: OneHotAttentionModel, start: TrainingStart, kind: RelationBatchSource.Kind
        var finetuneSubjects: [Int] = []
        if finetune {
            guard let from = context.inputs["from"]?.first else { throw p.invalid("mode", "finetune", "needs a `from` input: the pretraining run") }
            let pretrained = try RelationRun(from)
            guard pretrained.config.context >= modelContext else {
                throw p.invalid("demonstrations", "\(demonstrations)", "makes ICL sequences longer than the pretrained model's context \(pretrained.config.context)")
            }
            let subjects = p.params.int("subjects")
            guard subjects <= world.finetunePool else {
                throw p.invalid("subjects", "\(subjects)", "exceeds the world's finetuning pool of \(world.finetunePool)")
            }
            model = try OneHotAttentionModel(config: pretrained.config, seed: 0, threads: context.threads)
            start = .checkpoint(of: from, at: pretrained.artifact.counts.last!, moments: false)
            let uniqueValues = p.params.int("unique_values")
            finetuneSubjects = uniqueValues > 0 ? FinetuneSubjectChoice.greedy(world, count: subjects, uniqueValues: Double(uniqueValues))
                                                : Array(world.finetuneSubjects.prefix(subjects))
            kind = .inContext(demonstrations: demonstrations, subjects: finetuneSubjects)
        } else {
            guard let positions = KeyPositions(rawValue: p.params.string("key_positions")) else {
                throw p.invalid("key_positions", p.params.string("key_positions"), "must be relative or absolute")
            }
            let config = OneHotAttentionConfig(vocabulary: world.size, context: modelContext, heads: p.params.int("heads"),
                                               headSize: p.params.int("head_size"), positions: positions)
            model = try OneHotAttentionModel(config: config, seed: p.seed, threads: context.threads)
            start = .scratch
            kind = .pretraining
        }
        try TrainingStage.train(context, model: model, start: start, learningRate: p.params.double("lr"), cosine: !finetune,
                                attributes: [("mode", .string(finetune ? "finetune" : "pretrain")),
                                             ("finetune_subjects", .int(Int64(finetuneSubjects.count))),
                                             ("finetune_subject_ids", .ints(finetuneSubjects.map(Int64.init))),
                                             ("unique_values_seen", .double(FinetuneSubjectChoice.uniqueValuesPerType(world, subjects: finetuneSubjects))),
                                             ("demonstrations", .int(Int64(demonstrations)))]) {
            RelationBatchSource(world: world, kind: kind, batch: $0, seed: $1)
        }
    }
}

/// A `cr.relation-train` run artifact as the analysis reads it.
struct RelationRun {
    let artifact: TrainingRunArtifact
    let config: OneHotAttentionConfig
    let mode: String
    /// The subjects a finetuning run saw (empty for pretraining), and their distinct values per type.
    let finetuneSubjects: [Int]
    let uniqueValuesSeen: Double
    let demonstrations: Int

    init(_ url: URL) throws {
        artifact = try TrainingRunArtifact(url)
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        config = try OneHotAttentionConfig(attributesOf: file)
        mode = try file.requiredString("mode")
        finetuneSubjects = try file.requiredInts("finetune_subject_ids")
        uniqueValuesSeen = try file.requiredDouble("unique_values_seen")
        demonstrations = try file.requiredInt("demonstrations")
    }

    /// A model of this run's shape holding the parameters of checkpoint `count`.
    func model(at count: Int, threads: Int) throws -> OneHotAttentionModel {
        let model = try OneHotAttentionModel(config: config, seed: 0, threads: threads)
        try artifact.load(count, into: model)
        return model
    }
}
