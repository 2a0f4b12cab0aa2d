import Pipeline

/// The stage kinds of paper 000's linear-systems world, for the CLI to register.
public enum LinearSystemsWorld {
    public static let stageKinds: [StageKind.Type] = [LibraryStage.self, TraceStatsStage.self, TrainStage.self, EvaluateStage.self]
}
