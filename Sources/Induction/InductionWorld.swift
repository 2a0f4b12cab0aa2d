import Pipeline

/// Thesis chapter 4: induction heads in a 2-layer attention-only transformer on few-shot
/// sequences, and the clamps that dissect their formation.
public enum InductionWorld {
    public static let stageKinds: [StageKind.Type] = [WorldStage.self, TrainStage.self, EvaluateStage.self]
}
