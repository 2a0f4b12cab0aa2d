/// Preallocated buffers of one batch of next-token examples: `inputs` and `targets` are
/// `[batch, length]` (a sequence of n tokens fills n - 1 positions; the rest is right-padding
/// with `[sep]`, masked out of the loss), `lossMask` marks the positions that are trained on.
/// `querySubject` / `queryType` give the ground truth `(j, l)` of each row's final token.
/// The buffers are handed to the model in place.
public final class SequenceBatch {
    public let batch: Int
    public let length: Int
    public let inputs: UnsafeMutableBufferPointer<Int32>
    public let targets: UnsafeMutableBufferPointer<Int32>
    public let lossMask: UnsafeMutableBufferPointer<Bool>
    /// Tokens of each row's sequence (positions used: count - 1).
    public var sequenceLengths: [Int]
    public var querySubject: [Int]
    public var queryType: [Int]

    public init(batch: Int, length: Int) {
        self.batch = batch; self.length = length
        inputs = .allocate(capacity: batch * length); inputs.initialize(repeating: 0)
        targets = .allocate(capacity: batch * length); targets.initialize(repeating: 0)
        lossMask = .allocate(capacity: batch * length); lossMask.initialize(repeating: false)
        sequenceLengths = [Int](repeating: 0, count: batch)
        querySubject = sequenceLengths
        queryType = sequenceLengths
    }

    deinit { inputs.deallocate(); targets.deallocate(); lossMask.deallocate() }

    /// The position whose prediction is the row's final token.
    @inline(__always)
    public func queryPosition(_ row: Int) -> Int { sequenceLengths[row] - 2 }
}
