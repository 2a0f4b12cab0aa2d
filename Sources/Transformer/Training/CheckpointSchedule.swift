/// When a run stops to checkpoint, counted in the unit of its world's x-axis (examples for
/// paper 000, sequences seen for the others). One step advances the count by the batch size;
/// the count of a run restarted from another continues the other's.
public struct CheckpointSchedule: Equatable, Sendable {
    /// `examples` or `sequences`: the artifact's x-axis.
    public var unit: String
    public var batch: Int
    /// The count at the end of the run.
    public var end: Int
    public var every: Int
    /// Counts at which the artifact keeps AdamW's moments, so that another run can restart
    /// from there with the optimizer state (a declared restart point of a later stage).
    public var keepMomentsAt: Set<Int>

    public init(unit: String, batch: Int, end: Int, every: Int, keepMomentsAt: Set<Int> = []) {
        self.unit = unit; self.batch = batch; self.end = end; self.every = every; self.keepMomentsAt = keepMomentsAt
    }

    /// The checkpoint counts of a run that starts at `start`, `start` itself first.
    public func counts(from start: Int) -> [Int] { Array(stride(from: start, through: end, by: every)) }

    /// Throws unless every checkpoint falls on a whole step and the run ends on one.
    public func validate(start: Int) throws {
        func bad(_ what: String) -> TransformerError { .schedule(what) }
        if batch < 1 { throw bad("batch \(batch) must be at least 1") }
        if every < batch || every % batch != 0 { throw bad("checkpoint_every \(every) must be a positive multiple of batch \(batch)") }
        if start % batch != 0 { throw bad("the run starts at \(start) \(unit), not a multiple of batch \(batch)") }
        if end <= start || (end - start) % every != 0 {
            throw bad("the run must end (at \(end) \(unit)) after its start (\(start)) by a multiple of checkpoint_every \(every)")
        }
        let counts = Set(counts(from: start))
        if let missing = keepMomentsAt.subtracting(counts).sorted().first {
            throw bad("keep_moments_at \(missing) is not one of the run's checkpoints")
        }
    }
}
