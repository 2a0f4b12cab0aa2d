import Artifacts
import Foundation
import Pipeline
import Transformer

/// What `cr.pretrain`, `cr.finetune` and `cr.relation-train` share: the optimizer, the batch source and the
/// schedule of a `TrainingRun`, and the run artifact (counted in sequences seen, with root
/// attributes `finetune_subjects`, `mode` and `seed`). `iterations` and `checkpoint_every`
/// are steps, as the paper counts them.
enum TrainingStage {
    /// Trains `model` for the stage's `iterations` on the batches `source(batch, seed)` makes,
    /// with the stage's optimizer parameters (`cosine`: a cosine decay of the learning rate over
    /// the run, else constant), and writes the run artifact with `attributes` and the seed.
    static func train(_ context: StageContext, model: TrainableModel, start: TrainingStart, learningRate: Double,
                      cosine: Bool = false, attributes: [(String, AttributeValue)],
                      source: (_ batch: Int, _ seed: UInt64) -> BatchSource) throws {
        let p = RecallParameters(context: context)
        let (optimizer, batch) = p.optimizer(learningRate: learningRate)
        let steps = p.params.int("iterations"), every = p.params.int("checkpoint_every")
        let adamw = AdamWConfig(learningRate: Float(optimizer.learningRate), beta2: Float(optimizer.beta2),
                                weightDecay: Float(optimizer.weightDecay),
                                schedule: cosine ? .cosine(warmup: 0, total: steps, minFactor: 0) : .constant,
                                clipNorm: optimizer.clip.map { Float($0) })
        let run = TrainingRun(trainer: try Trainer(model: model, optimizer: adamw), source: source(batch, p.seed),
                              schedule: CheckpointSchedule(unit: "sequences", batch: batch, end: steps * batch, every: every * batch),
                              start: start, workDirectory: context.workDirectory)
        try run.run(progress: context.progress)
        try run.writeArtifact(to: context.output("run"), attributes: attributes + [("seed", .int(Int64(p.params.int("seed"))))])
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

    /// A model of this run's shape holding the parameters of checkpoint `count`.
    func model(at count: Int, threads: Int) throws -> GPTModel {
        let model = try GPTModel(config: config, seed: 0, threads: threads)
        try artifact.load(count, into: model)
        return model
    }
}
