import Pipeline

/// The stage kinds of the minimal mathematical models (papers 001 and 003).
public enum CoopetitionWorld {
    public static let stageKinds: [StageKind.Type] = [CoopSimulateStage.self, PhaseSimulateStage.self]

    /// The most gradient-descent steps a simulation may take: it keeps a loss per step.
    static let maxIterations: Double = 10_000_000
}
