import ContextualRecall
import Coopetition
import Induction
import LinearSystems
import Pipeline
import Plots
import Transience

/// Every stage kind the CLI knows: each world's kinds and the generic plot kind.
func allStageKinds() -> [StageKind.Type] {
    LinearSystemsWorld.stageKinds + ContextualRecallWorld.stageKinds + CoopetitionWorld.stageKinds + InductionWorld.stageKinds + TransienceWorld.stageKinds
        + [PlotStage.self]
}
