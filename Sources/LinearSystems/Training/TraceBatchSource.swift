import Linalg
import Transformer

/// Paper 000's training data as the training run reads it: batch `step` holds the traces
/// `step * batch ..< (step + 1) * batch` of the stream rooted at the run's seed (trace i drawn
/// from its own derived RNG), so a resumed or restarted run draws exactly the traces an
/// uninterrupted one would. The model reads positions 0..<250 of each 251-token trace in
/// place (token 250 is only ever a target).
public final class TraceBatchSource: BatchSource {
    public let builder: TraceBuilder
    public let batchSize: Int
    public let length = TraceLayout.positions
    let seed: RNG
    let batch: TraceBatch

    public init(library: SystemLibrary, backstory: BackstoryMode, batch: Int, seed: UInt64) {
        builder = TraceBuilder(library: library, backstory: backstory)
        batchSize = batch
        self.seed = RNG(seed: seed).derive("lds.train.data")
        self.batch = TraceBatch(capacity: batch)
    }

    public func fill(step: Int, threads: Int) {
        builder.fill(batch, seed: seed, first: step * batchSize, count: batchSize, threads: threads)
    }

    public var input: ModelInput { .continuous(UnsafeBufferPointer(batch.inputs), sequenceStride: TraceBatch.inputStride) }
    public var targets: Targets { .regression(UnsafeBufferPointer(batch.targets)) }
    public var mask: UnsafeBufferPointer<Bool>? { UnsafeBufferPointer(batch.lossMask) }
}
