import Artifacts
import Foundation
import Linalg
import Pipeline
import Transformer

/// `lds.train`: one training run of paper 000 (R1-R5 of spec A.5), from scratch or restarted
/// from another run's checkpoint with its model and AdamW state (only the data changes).
/// Output layout: `TrainingRunArtifact`. Resumes from its work directory after a kill.
public enum TrainStage: StageKind {
    public static let name = "lds.train"
    public static let version = 1
    public static let summary = "train the paper-000 transformer on interleaved traces (normal or backstoried), checkpointing as it goes"
    static let modes: [String: BackstoryMode] = ["normal": .none, "masked-backstory": .masked, "unmasked-backstory": .unmasked]
    public static let parameters: [ParamSpec] = [
        ParamSpec("mode", .string, default: .string("normal"), choices: ["normal", "masked-backstory", "unmasked-backstory"],
                  help: "training data: plain traces, or 7-step backstories with or without loss on them"),
        ParamSpec("layers", .int, default: .int(4), help: "transformer blocks (paper: 24)"),
        ParamSpec("width", .int, default: .int(64), help: "model width (paper: 192)"),
        ParamSpec("heads", .int, default: .int(4), help: "attention heads (paper: 12)"),
        ParamSpec("lr", .double, default: .double(1e-3), help: "AdamW learning rate, constant (paper: 1.58e-5)"),
        ParamSpec("weight_decay", .double, default: .double(0.01), help: "AdamW weight decay"),
        ParamSpec("batch", .int, default: .int(64), help: "traces per step (paper: 512)"),
        ParamSpec("examples", .int, default: .int(409_600), help: "examples seen at the end, counted from the first run's start"),
        ParamSpec("checkpoint_every", .int, default: .int(12_800), help: "examples between checkpoints (a multiple of batch)"),
        ParamSpec("restart_at", .int, default: .int(0), help: "with input `from`: the checkpoint (examples) to restart from"),
        ParamSpec("seed", .int, default: .int(0), help: "model initialisation and data stream"),
        ParamSpec("threads", .int, default: .int(2), help: "worker threads (a resumed run must use the same count to stay bit-identical)"),
    ]
    public static let inputs = [
        InputSpec("library", help: "lds.library output (its training library)"),
        InputSpec("from", optional: true, help: "lds.train output to restart from at restart_at examples"),
    ]
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws { try run(context, afterCheckpoint: { _ in }) }

    static func run(_ context: StageContext, afterCheckpoint: (Int) throws -> Void) throws {
        let p = context.params
        guard let mode = modes[p.string("mode")] else { throw StageError("\(name): unknown mode \(p.string("mode"))") }
        let settings = TrainingSettings(backstory: mode, layers: p.int("layers"), width: p.int("width"), heads: p.int("heads"),
                                        learningRate: Float(p.double("lr")), weightDecay: Float(p.double("weight_decay")),
                                        batch: p.int("batch"), examples: p.int("examples"),
                                        checkpointEvery: p.int("checkpoint_every"),
                                        seed: UInt64(bitPattern: Int64(p.int("seed"))), threads: p.int("threads"))
        let library: SystemLibrary
        do {
            let file = try ArtifactFile.open(context.input("library"))
            defer { file.close() }
            library = try SystemLibrary.read(from: file, group: "train")
        }
        var initial: Trainer.State?
        if context.inputs["from"]?.first == nil && p.int("restart_at") != 0 {
            throw StageError("\(name): restart_at = \(p.int("restart_at")) needs the input `from`")
        }
        if let from = context.inputs["from"]?.first {
            let file = try ArtifactFile.open(from)
            defer { file.close() }
            let restartAt = p.int("restart_at"), sourceBatch = try TrainingRunArtifact.batch(file)
            guard sourceBatch == settings.batch else {
                throw StageError("\(name): restart from \(from.path) trained with batch \(sourceBatch), this run has \(settings.batch)")
            }
            let state = try TrainingRunArtifact.state(file, examples: restartAt, scratch: context.workDirectory)
            guard state.config == settings.model else {
                throw StageError("\(name): checkpoint model \(state.config) differs from this run's \(settings.model)")
            }
            initial = state
        }
        let loop = TrainingLoop(settings: settings, library: library, workDirectory: context.workDirectory)
        let start = (initial?.step ?? 0) * settings.batch
        try settings.validate(start: start)
        context.progress.start(total: loop.remainingSteps(start: start), unit: "steps")
        let outcome = try loop.run(initial: initial, progress: { context.progress.advance(by: $0) },
                                   afterCheckpoint: afterCheckpoint)
        context.progress.finish()
        try TrainingRunArtifact.write(context.output("run"), checkpoints: outcome.checkpoints, losses: outcome.losses,
                                      mode: mode, batch: settings.batch, restartAt: initial == nil ? nil : start)
    }
}
