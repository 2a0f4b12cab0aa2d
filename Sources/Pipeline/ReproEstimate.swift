/// The two remaining times a progress line shows, from what a stage measures and what earlier
/// runs recorded.
extension StagePosition {
    /// This stage's remaining seconds: from its measured rate when it counts its work, else
    /// its recorded wall time less the time spent so far (unknown once that is overrun, or when
    /// nothing was recorded).
    func stageETA(counted: Double?, elapsed: Double) -> Double? {
        if let counted { return counted }
        guard let recordedSeconds, recordedSeconds > elapsed else { return nil }
        return recordedSeconds - elapsed
    }

    /// The whole repro's remaining seconds: this stage's plus the recorded times of the stages
    /// after it. A part nobody has measured counts as nothing and makes the sum a lower bound;
    /// nil when no part is known.
    func reproETA(stageETA: Double?) -> Estimate? {
        if stageETA == nil, laterSeconds == 0 { return nil }
        return Estimate(seconds: (stageETA ?? 0) + laterSeconds, isLowerBound: stageETA == nil || laterUnrecorded > 0)
    }
}
