/// The data of one training run, supplied by a world.
///
/// Batch `step` must be a pure function of the source's seed and `step` (counter-based, e.g.
/// example i drawn from `seed.derive(..., i)`), so that a resumed or restarted run draws
/// exactly the batches an uninterrupted one would, on any thread count. The buffers are laid
/// out as the engine reads them and handed over without copies.
public protocol BatchSource: AnyObject {
    /// Sequences per step.
    var batchSize: Int { get }
    /// Positions the model reads per sequence.
    var length: Int { get }
    /// Writes batch `step` (0-based, counted from the first run of the experiment) into the
    /// buffers below.
    func fill(step: Int, threads: Int) throws
    var input: ModelInput { get }
    var targets: Targets { get }
    /// `[batch, length]`: the positions the loss is taken at (nil: all).
    var mask: UnsafeBufferPointer<Bool>? { get }
}
