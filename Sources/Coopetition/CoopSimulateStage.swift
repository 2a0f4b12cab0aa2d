import Pipeline

/// `coop.simulate`: one seed of the coopetition toy model (paper 003 Fig. 5a, 16, 17).
/// Output `run`: tables/loss (iteration total mech1 mech2 competition; mech1 is L₁ without
/// the μ₁ offset, competition is α·L_c), tables/summary (one row, `CoopetitionRun.summaryColumns`)
/// and root attributes seed, transient (1/0), min_iteration, min_mech1, divot, divot_iteration,
/// mech1_at_zero.
public enum CoopSimulateStage: StageKind {
    public static let name = "coop.simulate"
    public static let version = 1
    public static let summary = "gradient descent on the strategy-coopetition toy model (paper 003 §6, App. D)"
    public static let parameters: [ParamSpec] = [
        ParamSpec("mu1", .double, default: .double(0.1), range: .atLeast(0),
                  help: "offset of mechanism 1's loss (its asymptotic disadvantage)"),
        ParamSpec("mu2", .double, default: .double(0), range: .atLeast(0), help: "offset of mechanism 2's loss"),
        ParamSpec("alpha", .double, default: .double(0.1), range: .atLeast(0), help: "weight of the competition term ½·mean((a⊗d)²)"),
        ParamSpec("dim_abc", .int, default: .int(20), range: .closed(1, 10_000), help: "dimension of a, b and c"),
        ParamSpec("dim_d", .int, default: .int(160), range: .closed(1, 100_000), help: "dimension of d (larger is slower to learn)"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the N(0, 1) targets and initialisation"),
        ParamSpec("iterations", .int, default: .int(16000), range: .closed(0, CoopetitionWorld.maxIterations),
                  help: "full-batch gradient-descent steps"),
        ParamSpec("lr", .double, default: .double(1), range: .above(0), help: "learning rate"),
        ParamSpec("record_every", .int, default: .int(10), range: .atLeast(1),
                  help: "record the losses every this many steps (and after the last)"),
    ]
    public static let inputs: [InputSpec] = []
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let settings = CoopetitionSettings(dimABC: p.int("dim_abc"), dimD: p.int("dim_d"),
                                           mu1: p.double("mu1"), mu2: p.double("mu2"), alpha: p.double("alpha"))
        let result = CoopetitionSimulation.run(settings, seed: p.int("seed"), iterations: p.int("iterations"),
                                               learningRate: p.double("lr"), recordEvery: p.int("record_every"))
        try RunArtifact.write(result, to: context.output("run"))
    }
}
