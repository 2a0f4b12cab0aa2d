import Pipeline

/// Paper 002's contextual-recall world (spec part B).
public enum ContextualRecallWorld {
    public static let stageKinds: [StageKind.Type] = [WorldStage.self, PretrainStage.self, FinetuneStage.self, EvaluateStage.self, GridStage.self,
                                                      RelationWorldStage.self, RelationTrainStage.self, RelationAnalyzeStage.self, RelationSweepStage.self,
                                                      RepresentStage.self]
}
