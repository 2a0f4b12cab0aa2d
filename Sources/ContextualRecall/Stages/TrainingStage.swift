import Artifacts
import Foundation
import Pipeline
import Transformer

/// What `cr.pretrain` and `cr.finetune` share: the optimizer, the batch source and the
/// schedule of a `TrainingRun`, and the run artifact (counted in sequences seen, with root
/// attributes `finetune_subjects`, `mode` and `seed`). `iterations` and `checkpoint_every`
/// are steps, as the paper counts them.
enum TrainingStage {
    static func train(_ context: StageContext, model: GPTModel, start: TrainingStart, generator: SequenceGenerator,
                      learningRate: Double, finetuneSubjects: Int, mode: String) throws {
        let p = RecallParameters(context: context)
        let (optimizer, batch) = p.optimizer(learningRate: learningRate)
        let adamw = AdamWConfig(learningRate: Float(optimizer.learningRate), beta2: Float(optimizer.beta2),
                                weightDecay: Float(optimizer.weightDecay), clipNorm: optimizer.clip.map { Float($0) })
        let steps = p.params.int("iterations"), every = p.params.int("checkpoint_every")
        let run = TrainingRun(trainer: try Trainer(model: model, optimizer: adamw),
                              source: SequenceBatchSource(generator: generator, batch: batch, seed: p.seed),
                              schedule: CheckpointSchedule(unit: "sequences", batch: batch, end: steps * batch, every: every * batch),
                              start: start, workDirectory: context.workDirectory)
        try run.run(progress: context.progress)
        try run.writeArtifact(to: context.output("run"), attributes: [
            ("finetune_subjects", .int(Int64(finetuneSubjects))), ("mode", .string(mode)),
            ("seed", .int(Int64(p.params.int("seed")))),
        ])
    }
}

/// A `cr.pretrain` or `cr.finetune` run artifact as the evaluation reads it.
struct RecallRun {
    let artifact: TrainingRunArtifact
    let config: ModelConfig
    let finetuneSubjects: Int
    /// `pretrain`, `icl` or `icl-grm`.
    let mode: String
    let seed: Int

    init(_ url: URL) throws {
        artifact = try TrainingRunArtifact(url)
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        config = try ModelConfig(attributesOf: file)
        mode = try file.requiredString("mode")
        finetuneSubjects = try file.requiredInt("finetune_subjects")
        seed = try file.requiredInt("seed")
    }

    /// Training steps at each checkpoint (the figures' x-axis).
    var iterations: [Int] { artifact.counts.map { $0 / artifact.batch } }

    /// A model of this run's shape holding the parameters of checkpoint `count`.
    func model(at count: Int, threads: Int) throws -> GPTModel {
        let model = try GPTModel(config: config, seed: 0, threads: threads)
        try artifact.load(count, into: model)
        return model
    }
}
