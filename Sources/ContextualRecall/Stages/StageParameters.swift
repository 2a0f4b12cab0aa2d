import Pipeline

/// Range checks on validated stage parameters, with errors naming stage, key and value.
struct RecallParameters {
    let context: StageContext
    var params: Parameters { context.params }

    func int(_ key: String, atLeast minimum: Int) throws -> Int {
        let v = params.int(key)
        guard v >= minimum else { throw invalid(key, "\(v)", "must be at least \(minimum)") }
        return v
    }

    func positive(_ key: String) throws -> Double {
        let v = params.double(key)
        guard v.isFinite, v > 0 else { throw invalid(key, "\(v)", "must be finite and positive") }
        return v
    }

    func nonNegative(_ key: String) throws -> Double {
        let v = params.double(key)
        guard v.isFinite, v >= 0 else { throw invalid(key, "\(v)", "must be finite and not negative") }
        return v
    }

    var seed: UInt64 { UInt64(bitPattern: Int64(params.int("seed"))) }

    func invalid(_ key: String, _ value: String, _ why: String) -> RecallError {
        .parameter(stage: context.stageName, key: key, value: value, reason: why)
    }

    /// The optimiser parameters shared by `cr.pretrain` and `cr.finetune`.
    static let optimizer: [ParamSpec] = [
        ParamSpec("batch", .int, default: .int(64), help: "sequences per step (paper: 64)"),
        ParamSpec("weight_decay", .double, default: .double(1e-3), help: "AdamW weight decay (paper: 1e-3)"),
        ParamSpec("beta2", .double, default: .double(0.95), help: "AdamW beta2 (minGPT 0.95; unstated in the paper)"),
        ParamSpec("clip", .double, default: .double(1.0), help: "gradient-norm clipping (minGPT 1.0; 0 disables)"),
        ParamSpec("seed", .int, default: .int(0), help: "random seed of the data stream (and of the initialisation in cr.pretrain)"),
    ]

    func optimizer(learningRate: Double) throws -> (config: AdamWSettings, batch: Int) {
        let clip = try nonNegative("clip")
        return (AdamWSettings(learningRate: learningRate, weightDecay: try nonNegative("weight_decay"),
                              beta2: try positive("beta2"), clip: clip > 0 ? clip : nil),
                try int("batch", atLeast: 1))
    }
}

/// The AdamW knobs a stage sets (betas[0] = 0.9 and epsilon are the engine's defaults).
struct AdamWSettings {
    let learningRate: Double
    let weightDecay: Double
    let beta2: Double
    let clip: Double?
}
