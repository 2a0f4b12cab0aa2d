import Foundation
import Pipeline
import Transformer

/// `induction.train`: the 2-layer attention-only model of thesis ch. 4 on few-shot batches,
/// optionally with one L2 head active and under one of the circuit clamps (spec §6.3).
/// Counted in sequences seen, as the thesis's x-axes are.
public enum TrainStage: StageKind {
    public static let name = "induction.train"
    public static let version = 2
    public static let resources = JobResources.training
    public static let summary = "Train the attention-only model of thesis ch. 4 (RoPE, Adam), optionally one L2 head / under a circuit clamp"
    public static let parameters: [ParamSpec] = [
        ParamSpec("layers", .int, default: .int(2), range: .closed(2, 2), help: "blocks (the clamps are defined for 2)"),
        ParamSpec("width", .int, default: .int(64), range: .closed(2, 4_096), help: "model width (thesis: 64)"),
        ParamSpec("heads", .int, default: .int(8), range: .closed(1, 64), help: "heads per layer (thesis: 8)"),
        ParamSpec("positions", .string, default: .string("rope"), choices: PositionScheme.allCases.map(\.rawValue),
                  help: "position scheme (thesis: rope)"),
        ParamSpec("sequences", .int, default: .int(1_000_000), range: .closed(1, 1e10), help: "sequences seen (thesis: 1e6)"),
        ParamSpec("batch", .int, default: .int(32), range: .closed(1, 65_536), help: "sequences per step (thesis: 32)"),
        ParamSpec("lr", .double, default: .double(1e-5), range: .above(0), help: "Adam learning rate, constant (thesis: 1e-5)"),
        ParamSpec("checkpoint_every", .int, default: .int(20_000), range: .closed(1, 1e10), help: "sequences between checkpoints"),
        ParamSpec("only_head", .int, default: .int(-1), range: .closed(-1, 63),
                  help: "train with only this L2 head active, the others ablated (-1: all)"),
        ParamSpec("clamp", .string, default: .string("none"), choices: CircuitClamp.allCases.map(\.rawValue),
                  help: "circuit clamp applied on every step (spec §6.3)"),
        ParamSpec("pt_head", .int, default: .int(2), range: .closed(0, 63), help: "L1 head the step1 clamp fixes (thesis code: 2)"),
        ParamSpec("ih_head", .int, default: .int(3), range: .closed(0, 63), help: "L2 head the match and copy clamps use (thesis: 3)"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the initialisation and the data stream"),
    ]
    public static let rules: [ParamRule] = [
        .divides("heads", "width"), .divides("batch", "checkpoint_every"), .divides("checkpoint_every", "sequences"),
        .less("only_head", than: "heads"), .less("pt_head", than: "heads"), .less("ih_head", than: "heads"),
        ParamRule("a clamp on the induction head keeps it active", keys: ["clamp", "only_head", "ih_head"]) { p in
            guard let clamp = CircuitClamp(rawValue: p.string("clamp")), clamp.usesInductionHead,
                  p.int("only_head") >= 0, p.int("only_head") != p.int("ih_head") else { return nil }
            return "clamp = \(clamp.rawValue) acts on L2 head ih_head = \(p.int("ih_head")), which only_head = \(p.int("only_head")) ablates"
        },
    ]
    public static let inputs = [InputSpec("world", help: "induction.world artifact")]
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let world = try FewShotWorld.read(from: context.input("world"))
        let config = AttentionOnlyConfig(layers: p.int("layers"), width: p.int("width"), heads: p.int("heads"), context: FewShotBatch.length,
                                         exemplarSize: world.settings.exemplarSize, labels: world.settings.labels,
                                         positions: PositionScheme(rawValue: p.string("positions"))!)
        let seed = UInt64(bitPattern: Int64(p.int("seed")))
        let only = p.int("only_head")
        let settings = InductionRunSettings(onlyHead: only < 0 ? nil : only, clamp: CircuitClamp(rawValue: p.string("clamp"))!,
                                            previousTokenHead: p.int("pt_head"), inductionHead: p.int("ih_head"), seed: p.int("seed"))
        let model = try AttentionOnlyModel(config: config, seed: seed, threads: context.threads)
        let batch = p.int("batch")
        let source = FewShotBatchSource(world: world, batch: batch, seed: seed)
        try model.intervene(settings.clamp.interventions(heads: config.heads, active: settings.activeHeads(config.heads),
                                                         previousTokenHead: settings.previousTokenHead,
                                                         inductionHead: settings.inductionHead, batch: source.buffers))
        let run = try TrainingRun.adam(model, source: source, learningRate: p.double("lr"), sequences: p.int("sequences"),
                                       checkpointEvery: p.int("checkpoint_every"), workDirectory: context.workDirectory)
        try run.run(progress: context.progress)
        try run.writeArtifact(to: context.output("run"), attributes: settings.attributes)
    }
}
