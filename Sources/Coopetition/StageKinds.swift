import Pipeline

/// The stage kinds of the coopetition world, for the CLI's registry.
public enum CoopetitionStageKinds {
    public static let all: [StageKind.Type] = [CoopSimulateStage.self, PhaseSimulateStage.self]
}
