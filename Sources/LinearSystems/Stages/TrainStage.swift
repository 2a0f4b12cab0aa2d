import Artifacts
import Foundation
import Linalg
import Pipeline
import Transformer

/// `lds.train`: one training run of paper 000 (R1-R5 of spec A.5), from scratch or restarted
/// from another run's checkpoint with its model and AdamW state (only the data changes).
/// Output: a `TrainingRunArtifact` counted in examples, with root attributes `mode` and
/// `restart_at` (-1 for a run from scratch). Resumes from its work directory after a kill.
public enum TrainStage: StageKind {
    public static let name = "lds.train"
    public static let version = 2
    public static let resources = JobResources.training
    public static let summary = "train the paper-000 transformer on interleaved traces (normal or backstoried), checkpointing as it goes"
    static let modes: [String: BackstoryMode] = ["normal": .none, "masked-backstory": .masked, "unmasked-backstory": .unmasked]
    public static let parameters: [ParamSpec] = [
        ParamSpec("mode", .string, default: .string("normal"), choices: ["normal", "masked-backstory", "unmasked-backstory"],
                  help: "training data: plain traces, or 7-step backstories with or without loss on them"),
        ParamSpec("layers", .int, default: .int(4), range: .closed(1, 256), help: "transformer blocks (paper: 24)"),
        ParamSpec("width", .int, default: .int(64), range: .closed(1, 4096), help: "model width (paper: 192)"),
        ParamSpec("heads", .int, default: .int(4), range: .closed(1, 1024), help: "attention heads (paper: 12)"),
        ParamSpec("lr", .double, default: .double(1e-3), range: .above(0), help: "AdamW learning rate, constant (paper: 1.58e-5)"),
        ParamSpec("weight_decay", .double, default: .double(0.01), range: .atLeast(0), help: "AdamW weight decay"),
        ParamSpec("batch", .int, default: .int(64), range: .closed(1, 65_536), help: "traces per step (paper: 512)"),
        ParamSpec("examples", .int, default: .int(409_600), range: .closed(1, maxExamples),
                  help: "examples seen at the end, counted from the first run's start"),
        ParamSpec("checkpoint_every", .int, default: .int(12_800), range: .closed(1, maxExamples),
                  help: "examples between checkpoints (a multiple of batch)"),
        ParamSpec("restart_at", .int, default: .int(0), range: .closed(0, maxExamples),
                  help: "with input `from`: the checkpoint (examples) to restart from"),
        ParamSpec("keep_moments_at", .intList, default: .list([]), range: .closed(0, maxExamples),
                  help: "checkpoints (examples) whose AdamW moments the artifact keeps, for runs that restart there"),
        ParamSpec("seed", .int, default: .int(0), help: "model initialisation and data stream"),
    ]
    /// The most examples a run may count to (a bound on `examples` and every count parameter).
    static let maxExamples: Double = 1e12
    public static let rules: [ParamRule] = [
        .divides("batch", "checkpoint_every"),
        .divides("heads", "width"),
        .less("restart_at", than: "examples"),
        ParamRule("checkpoint_every divides examples - restart_at", keys: ["checkpoint_every", "examples", "restart_at"]) { p in
            let every = p.int("checkpoint_every"), end = p.int("examples"), start = p.int("restart_at")
            if every > 0, (end - start) % every == 0 { return nil }
            return "checkpoint_every = \(every) does not divide examples - restart_at = \(end) - \(start) = \(end - start)"
        },
        ParamRule("each keep_moments_at is a checkpoint: restart_at plus a multiple of checkpoint_every, at most examples",
                  keys: ["keep_moments_at", "restart_at", "checkpoint_every", "examples"]) { p in
            let every = p.int("checkpoint_every"), end = p.int("examples"), start = p.int("restart_at")
            guard let bad = p.ints("keep_moments_at").first(where: { $0 < start || $0 > end || every < 1 || ($0 - start) % every != 0 })
            else { return nil }
            return "keep_moments_at value \(bad) is not a checkpoint of this run: its checkpoints are restart_at = \(start) "
                + "plus multiples of checkpoint_every = \(every), up to examples = \(end)"
        },
    ]
    public static let inputs = [
        InputSpec("library", help: "lds.library output (its training library)"),
        InputSpec("from", optional: true, help: "lds.train output to restart from at restart_at examples",
                  requires: .parameter("restart_at", in: "keep_moments_at", so: "keeps its optimizer moments at that checkpoint")),
    ]
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        guard let mode = modes[p.string("mode")] else { throw StageError("\(name): unknown mode \(p.string("mode"))") }
        let seed = UInt64(bitPattern: Int64(p.int("seed")))
        let config = ModelConfig(layers: p.int("layers"), width: p.int("width"), heads: p.int("heads"),
                                 context: TraceLayout.positions, input: .continuous(TraceLayout.inputDimension),
                                 output: .regression(TraceLayout.stateDimension))
        let library: SystemLibrary
        do {
            let file = try ArtifactFile.open(context.input("library"))
            defer { file.close() }
            library = try SystemLibrary.read(from: file, group: "train")
        }
        let from = context.inputs["from"]?.first, restartAt = p.int("restart_at")
        if from == nil && restartAt != 0 { throw StageError("\(name): restart_at = \(restartAt) needs the input `from`") }
        let model = try GPTModel(config: config, seed: seed, threads: context.threads)
        let trainer = try Trainer(model: model, optimizer: AdamWConfig(learningRate: Float(p.double("lr")),
                                                                       weightDecay: Float(p.double("weight_decay"))))
        let source = TraceBatchSource(library: library, backstory: mode, batch: p.int("batch"), seed: seed)
        let schedule = CheckpointSchedule(unit: "examples", batch: p.int("batch"), end: p.int("examples"),
                                          every: p.int("checkpoint_every"), keepMomentsAt: Set(p.ints("keep_moments_at")))
        let run = TrainingRun(trainer: trainer, source: source, schedule: schedule,
                              start: from.map { .checkpoint(of: $0, at: restartAt, moments: true) } ?? .scratch,
                              workDirectory: context.workDirectory)
        try run.run(progress: context.progress)
        try run.writeArtifact(to: context.output("run"), attributes: [
            ("mode", .string(mode.rawValue)), ("restart_at", .int(Int64(from == nil ? -1 : restartAt))),
        ])
    }
}
