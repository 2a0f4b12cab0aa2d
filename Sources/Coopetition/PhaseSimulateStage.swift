import Pipeline

/// `phase.simulate`: the thesis' three-vector phase-change model with optional clamping
/// (thesis §4.4.2-4.4.3, Fig 4.6a, 4.7). Output `run`: tables/loss (iteration loss
/// cosine_distance loss_bc_target) and root attributes clamp, seed, final_loss,
/// iterations_to_tenth (first recorded iteration with loss below 10% of the initial; -1 if none).
public enum PhaseSimulateStage: StageKind {
    public static let name = "phase.simulate"
    public static let version = 1
    public static let summary = "gradient descent on the three-vector phase-change toy model, with clamping (thesis §4.4)"
    public static let parameters: [ParamSpec] = [
        ParamSpec("dim", .int, default: .int(20), range: .closed(1, 10_000), help: "dimension of a, b and c"),
        ParamSpec("seed", .int, default: .int(3), help: "seed of the N(0, 1) targets and initialisation"),
        ParamSpec("iterations", .int, default: .int(1000), range: .closed(0, CoopetitionWorld.maxIterations),
                  help: "full-batch gradient-descent steps"),
        ParamSpec("lr", .double, default: .double(1), range: .above(0), help: "learning rate"),
        ParamSpec("clamp", .string, default: .string("none"), choices: ClampMode.allCases.map(\.rawValue),
                  help: "vectors held at their targets throughout: none, c, or b and c"),
        ParamSpec("record_every", .int, default: .int(1), range: .atLeast(1), help: "record every this many steps (and after the last)"),
    ]
    public static let inputs: [InputSpec] = []
    public static let outputs = ["run"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let clampName = context.params.string("clamp")
        guard let mode = ClampMode(rawValue: clampName) else {
            throw StageError("stage \(context.stageName): parameter clamp = \(clampName) is not one of none, c, bc")
        }
        let result = PhaseChangeSimulation.run(dim: p.int("dim"), seed: p.int("seed"), iterations: p.int("iterations"),
                                               learningRate: p.double("lr"), clamp: mode, recordEvery: p.int("record_every"))
        try RunArtifact.write(result, to: context.output("run"))
    }
}
