import Pipeline

/// Paper 003 / thesis ch. 5: ICL transience and strategy coopetition in a 2-layer
/// attention-only transformer on exemplar classes.
public enum TransienceWorld {
    public static let stageKinds: [StageKind.Type] = [WorldStage.self, TrainStage.self, EvaluateStage.self, AnalyzeStage.self]
}
