/// Preallocated buffers for a batch of encoded traces, reused across training steps.
///
/// Per trace b (row-major):
/// - `inputs`  [capacity, 251, 57] Float32 token encodings (spec A.3);
/// - `targets` [capacity, 250, 5] Float32: the payload of token t+1, zero where it is not one;
/// - `lossMask` [capacity, 250]: loss at position t (spec A.4 and A.5);
/// - `tokenKind` [capacity, 251] (`TokenKind` raw values), `tokenSlot` [capacity, 251] (the
///   trace's system slot, -1 for `<start>`), `tokenStep` [capacity, 251] (rollout index of a
///   payload, -7..-1 for backstory states, 0 for labels);
/// - `traceSystems` [capacity, 25]: library index of each slot, -1 past N;
///   `traceMaxSystems` [capacity]: N.
public final class TraceBatch {
    public let capacity: Int
    public let inputs: UnsafeMutableBufferPointer<Float>
    public let targets: UnsafeMutableBufferPointer<Float>
    public let lossMask: UnsafeMutableBufferPointer<Bool>
    public let tokenKind: UnsafeMutableBufferPointer<UInt8>
    public let tokenSlot: UnsafeMutableBufferPointer<Int8>
    public let tokenStep: UnsafeMutableBufferPointer<Int16>
    public let traceSystems: UnsafeMutableBufferPointer<Int32>
    public let traceMaxSystems: UnsafeMutableBufferPointer<Int32>

    public static let inputStride = TraceLayout.tokens * TraceLayout.inputDimension
    public static let targetStride = TraceLayout.positions * TraceLayout.stateDimension

    public init(capacity: Int) {
        precondition(capacity > 0, "a trace batch needs room for at least one trace")
        self.capacity = capacity
        inputs = .allocate(capacity: capacity * TraceBatch.inputStride)
        targets = .allocate(capacity: capacity * TraceBatch.targetStride)
        lossMask = .allocate(capacity: capacity * TraceLayout.positions)
        tokenKind = .allocate(capacity: capacity * TraceLayout.tokens)
        tokenSlot = .allocate(capacity: capacity * TraceLayout.tokens)
        tokenStep = .allocate(capacity: capacity * TraceLayout.tokens)
        traceSystems = .allocate(capacity: capacity * TraceLayout.maxSystems)
        traceMaxSystems = .allocate(capacity: capacity)
    }

    deinit {
        inputs.deallocate(); targets.deallocate(); lossMask.deallocate()
        tokenKind.deallocate(); tokenSlot.deallocate(); tokenStep.deallocate()
        traceSystems.deallocate(); traceMaxSystems.deallocate()
    }

    /// Library index of the system of token t of trace b, or nil for `<start>`.
    public func librarySystem(trace b: Int, token t: Int) -> Int? {
        let slot = Int(tokenSlot[b * TraceLayout.tokens + t])
        return slot < 0 ? nil : Int(traceSystems[b * TraceLayout.maxSystems + slot])
    }
}
