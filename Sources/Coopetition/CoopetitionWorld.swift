import Pipeline

/// The stage kinds of the minimal mathematical models (papers 001 and 003).
public enum CoopetitionWorld {
    public static let stageKinds: [StageKind.Type] = [CoopSimulateStage.self, PhaseSimulateStage.self]
}
