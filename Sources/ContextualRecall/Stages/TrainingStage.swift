import Foundation
import Linalg
import Pipeline
import Transformer

/// What `cr.pretrain` and `cr.finetune` share: build the trainer, run the resumable loop with
/// progress, and write the run artifact.
enum TrainingStage {
    static func train(_ context: StageContext, model: GPTModel, optimizer: AdamWSettings, dataSeed: UInt64,
                      generator: SequenceGenerator, batch: Int, iterations: Int, checkpointEvery: Int,
                      finetuneSubjects: Int, mode: String, seed: Int) throws {
        let adamw = AdamWConfig(learningRate: Float(optimizer.learningRate), beta2: Float(optimizer.beta2),
                                weightDecay: Float(optimizer.weightDecay), clipNorm: optimizer.clip.map { Float($0) })
        let trainer = Trainer(model: model, optimizer: adamw, rng: RNG(seed: dataSeed).derive("data"))
        context.progress.start(total: iterations, unit: "steps")
        var loop = TrainingLoop(trainer: trainer, generator: generator, batchSize: batch, iterations: iterations,
                                checkpointEvery: checkpointEvery, workDirectory: context.workDirectory)
        loop.onStep = { _ in context.progress.advance() }
        let (marks, parameters, losses) = try loop.run()
        context.progress.finish()
        try RunArtifact(config: model.config, iterations: marks, parameters: parameters, losses: losses,
                        finetuneSubjects: finetuneSubjects, mode: mode, seed: seed).write(to: context.output("run"))
    }
}
