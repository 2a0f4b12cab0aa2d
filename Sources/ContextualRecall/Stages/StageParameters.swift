import Pipeline

/// What the contextual-recall stages share about their parameters: the optimizer parameters
/// of `cr.pretrain` and `cr.finetune`, those of the evaluation sets, the seed, and errors naming stage, key and value for the
/// checks that need an input's content. Ranges and rules between parameters are declared on
/// the kinds and checked when the plan is built, so the values read here are in range.
struct RecallParameters {
    let context: StageContext
    var params: Parameters { context.params }

    var seed: UInt64 { UInt64(bitPattern: Int64(params.int("seed"))) }

    func invalid(_ key: String, _ value: String, _ why: String) -> RecallError {
        .parameter(stage: context.stageName, key: key, value: value, reason: why)
    }

    /// The most steps a run may take: with the largest batch, under 1e12 sequences.
    static let maxIterations: Double = 10_000_000
    /// Training and evaluation batch sizes.
    static let batchRange = ParamRange.closed(1, 65_536)

    /// The optimiser parameters shared by `cr.pretrain` and `cr.finetune`.
    static let optimizer: [ParamSpec] = [
        ParamSpec("batch", .int, default: .int(64), range: batchRange, help: "sequences per step (paper: 64)"),
        ParamSpec("weight_decay", .double, default: .double(1e-3), range: .atLeast(0), help: "AdamW weight decay (paper: 1e-3)"),
        ParamSpec("beta2", .double, default: .double(0.95), range: .halfOpen(0, 1),
                  help: "AdamW beta2 (minGPT 0.95; unstated in the paper)"),
        ParamSpec("clip", .double, default: .double(1.0), range: .atLeast(0), help: "gradient-norm clipping (minGPT 1.0; 0 disables)"),
        ParamSpec("seed", .int, default: .int(0), help: "random seed of the data stream (and of the initialisation in cr.pretrain)"),
    ]

    /// The evaluation sets' parameters shared by `cr.evaluate`, `cr.relation-analyze` and `cr.relation-sweep`.
    static let evaluation: [ParamSpec] = [
        ParamSpec("sequences", .int, default: .int(512), range: .closed(1, 1_000_000), help: "sequences per evaluation set (spec B.10: 2048)"),
        ParamSpec("batch", .int, default: .int(64), range: batchRange, help: "sequences per forward pass"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the evaluation sequences (the same for every checkpoint)"),
    ]

    /// The training kinds' rule: a run ends on a checkpoint.
    static let checkpointRule = ParamRule.divides("checkpoint_every", "iterations")

    func optimizer(learningRate: Double) -> (config: AdamWSettings, batch: Int) {
        let clip = params.double("clip")
        return (AdamWSettings(learningRate: learningRate, weightDecay: params.double("weight_decay"),
                              beta2: params.double("beta2"), clip: clip > 0 ? clip : nil),
                params.int("batch"))
    }
}

/// The AdamW knobs a stage sets (betas[0] = 0.9 and epsilon are the engine's defaults).
struct AdamWSettings {
    let learningRate: Double
    let weightDecay: Double
    let beta2: Double
    let clip: Double?
}
