import Pipeline

/// Every stage kind the CLI knows; worlds add theirs here.
func allStageKinds() -> [StageKind.Type] {
    []
}
