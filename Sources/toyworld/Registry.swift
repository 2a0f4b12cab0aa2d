import ContextualRecall
import Coopetition
import Induction
import LinearSystems
import Pipeline
import Plots
import Reports
import Transience

/// Every stage kind the CLI knows: each world's kinds and the generic plot and claims kinds.
func allStageKinds() -> [StageKind.Type] {
    LinearSystemsWorld.stageKinds + ContextualRecallWorld.stageKinds + CoopetitionWorld.stageKinds + InductionWorld.stageKinds + TransienceWorld.stageKinds
        + [PlotStage.self, ClaimsStage.self]
}
