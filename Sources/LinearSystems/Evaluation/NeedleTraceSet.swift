import Foundation
import Linalg

/// A seeded set of needle-in-a-haystack traces (App. B.3, spec A.6), generated on demand.
///
/// Layout of one trace: `<start>`; for each of the N haystack systems its open label,
/// x_0..x_9 and its close label; the query open label of the needle (haystack position 1); the
/// test segment x_10..x_19: 12N+12 tokens. With `backstory`, x_{-7}..x_{-1} follow the first
/// haystack segment's open label (12N+19 tokens; only the first segment, which is the one
/// scored for Fig. 10).
///
/// Trace i belongs to configuration c = i / statesPerConfiguration and initial-state index
/// s = i % statesPerConfiguration. Configuration c fills haystack positions 1..N with systems
/// c, c+1, ..., c+N-1 (mod `systemsUsed`), every one from initial state s. Label pairs are
/// the first N entries of a permutation of the 25 pairs drawn from `seed.derive("labels", i)`.
///
/// Scored positions: early index k (k = 1...) predicts the k-th payload of the first segment
/// (x_{k-1}, or x_{k-8} with a backstory) and sits at position k; test index k predicts
/// x_{9+k} of the needle, index 1 at the query open label.
public struct NeedleTraceSet {
    public static let segmentStates = 10
    public static let testStates = 10
    public static let maxHaystack = 19

    public let library: SystemLibrary
    public let systemsUsed: Int
    public let haystack: Int
    public let configurations: Int
    public let statesPerConfiguration: Int
    public let backstory: Bool
    public let seed: RNG

    public init(library: SystemLibrary, systemsUsed: Int? = nil, haystack: Int, configurations: Int,
                statesPerConfiguration: Int, backstory: Bool = false, seed: RNG) throws {
        let used = systemsUsed ?? library.systemCount
        func bad(_ what: String) -> NeedleSetError { NeedleSetError(message: what) }
        guard (1...Self.maxHaystack).contains(haystack) else { throw bad("haystack N = \(haystack) must be in 1...19") }
        guard used >= haystack, used <= library.systemCount else {
            throw bad("\(used) systems used of a \(library.systemCount)-system library cannot fill a haystack of \(haystack)")
        }
        guard configurations >= 1, statesPerConfiguration >= 1 else {
            throw bad("configurations \(configurations) and states per configuration \(statesPerConfiguration) must be at least 1")
        }
        guard statesPerConfiguration <= library.initialStates else {
            throw bad("\(statesPerConfiguration) states per configuration, the library has \(library.initialStates) per system")
        }
        guard library.length >= Self.segmentStates + Self.testStates else {
            throw bad("rollouts of \(library.length) states; a needle trace needs x_0..x_19")
        }
        self.library = library
        self.systemsUsed = used
        self.haystack = haystack
        self.configurations = configurations
        self.statesPerConfiguration = statesPerConfiguration
        self.backstory = backstory
        self.seed = seed
    }

    public var traceCount: Int { configurations * statesPerConfiguration }
    public var tokens: Int { 12 * haystack + 12 + (backstory ? TraceLayout.backstoryLength : 0) }

    /// Library system at haystack position j (0-based) of configuration c.
    public func system(configuration c: Int, position j: Int) -> Int { (c + j) % systemsUsed }

    /// Position whose prediction is early index k of the first haystack segment.
    public func earlyPosition(_ k: Int) -> Int { k }

    /// Position whose prediction is test-segment index k (1 = at the query open label).
    public func testPosition(_ k: Int) -> Int { tokens - Self.testStates - 1 + (k - 1) }

    /// Encodes traces first..<first+count into batch slots 0..<count; bytes do not depend on `threads`.
    public func fill(_ batch: NeedleTraceBatch, first: Int, count: Int, threads: Int = 1) {
        precondition(batch.tokens == tokens && count <= batch.capacity && first + count <= traceCount,
                     "needle batch of \(batch.capacity) x \(batch.tokens) tokens for traces \(first)..<\(first + count)")
        let workers = max(1, min(threads, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var permutation = [Int](repeating: 0, count: TraceLayout.labelPairs)
            for b in stride(from: worker, to: count, by: workers) {
                encode(trace: first + b, into: batch, at: b, permutation: &permutation)
            }
        }
    }

    private func encode(trace i: Int, into batch: NeedleTraceBatch, at b: Int, permutation: inout [Int]) {
        let dims = TraceLayout.inputDimension, d = TraceLayout.stateDimension
        let c = i / statesPerConfiguration, s = i % statesPerConfiguration
        var rng = seed.derive("labels", i)
        for k in 0..<TraceLayout.labelPairs { permutation[k] = k }
        for k in 0..<haystack { permutation.swapAt(k, k + rng.int(below: TraceLayout.labelPairs - k)) }

        let inputs = batch.inputs.baseAddress! + b * batch.inputStride
        inputs.initialize(repeating: 0, count: batch.inputStride)
        var position = 0
        func label(_ dim: Int) { inputs[position * dims + dim] = 1; position += 1 }
        func payload(_ state: UnsafePointer<Float>) {
            let row = inputs + position * dims
            row[TraceLayout.flagDim] = 1
            for k in 0..<d { row[TraceLayout.payloadDim + k] = state[k] }
            position += 1
        }
        label(TraceLayout.startDim)
        library.states.withUnsafeBufferPointer { statesBuffer in
            let states = statesBuffer.baseAddress!
            func rollout(_ j: Int) -> UnsafePointer<Float> {
                states + library.stateOffset(system: system(configuration: c, position: j), initial: s, step: 0)
            }
            for j in 0..<haystack {
                label(TraceLayout.openDim(permutation[j]))
                if backstory && j == 0 {
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: TraceLayout.backstoryLength * d) { history in
                        library.writeBackstory(system: system(configuration: c, position: 0), initial: s,
                                               into: history.baseAddress!)
                        for k in 0..<TraceLayout.backstoryLength { payload(history.baseAddress! + k * d) }
                    }
                }
                for step in 0..<Self.segmentStates { payload(rollout(j) + step * d) }
                label(TraceLayout.closeDim(permutation[j]))
            }
            label(TraceLayout.openDim(permutation[0]))
            for step in Self.segmentStates..<(Self.segmentStates + Self.testStates) { payload(rollout(0) + step * d) }
        }
        precondition(position == tokens, "needle trace has \(position) tokens, expected \(tokens)")

        let targets = batch.targets.baseAddress! + b * batch.targetStride
        let hasTarget = batch.hasTarget.baseAddress! + b * batch.positions
        for t in 0..<batch.positions {
            let next = inputs + (t + 1) * dims
            let isPayload = next[TraceLayout.flagDim] != 0
            hasTarget[t] = isPayload
            for k in 0..<d { targets[t * d + k] = isPayload ? next[TraceLayout.payloadDim + k] : 0 }
        }
    }
}

public struct NeedleSetError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "needle trace set: \(message)" }
}
