/// Preallocated buffers for a batch of evaluation traces of one token length, encoded like
/// training traces (spec A.3/A.4):
/// - `inputs` [capacity, tokens, 57] token encodings;
/// - `targets` [capacity, tokens - 1, 5]: the payload of token t+1, zero where it is not one;
/// - `hasTarget` [capacity, tokens - 1]: token t+1 is a payload (every such position is scored).
public final class NeedleTraceBatch {
    public let capacity: Int
    public let tokens: Int
    public let inputs: UnsafeMutableBufferPointer<Float>
    public let targets: UnsafeMutableBufferPointer<Float>
    public let hasTarget: UnsafeMutableBufferPointer<Bool>

    public var positions: Int { tokens - 1 }
    public var inputStride: Int { tokens * TraceLayout.inputDimension }
    public var targetStride: Int { positions * TraceLayout.stateDimension }

    public init(capacity: Int, tokens: Int) {
        precondition(capacity > 0 && tokens > 1, "an evaluation batch needs traces of at least two tokens")
        self.capacity = capacity
        self.tokens = tokens
        inputs = .allocate(capacity: capacity * tokens * TraceLayout.inputDimension)
        targets = .allocate(capacity: capacity * (tokens - 1) * TraceLayout.stateDimension)
        hasTarget = .allocate(capacity: capacity * (tokens - 1))
    }

    deinit { inputs.deallocate(); targets.deallocate(); hasTarget.deallocate() }
}
