import Foundation
import Linalg

/// Encodes interleaved training traces (App. B.2 "Cutting and interleaving", spec A.2-A.5) from
/// a training library into a `TraceBatch`.
///
/// Geometry: raw segment s spans [b_s, b_{s+1}-1] with b_0 = 1, the sorted cuts, and a virtual
/// cut at 251. Special cases of fn. 6 by segment length: 0 the segment is dropped with its
/// system draw; 1 only its close label; 2 open then close, no payload. Each system keeps a
/// continuation pointer that moves only when payload is emitted. With backstories, the first
/// segment of a system that has an open label gets x_{-7}..x_{-1} right after it, and the token
/// list is cut at 251 (spec A.5's "truncate" choice).
public struct TraceBuilder: Sendable {
    public let library: SystemLibrary
    public let backstory: BackstoryMode

    public init(library: SystemLibrary, backstory: BackstoryMode = .none) {
        self.library = library
        self.backstory = backstory
    }

    /// Draws and encodes traces `first ..< first + count` of the stream rooted at `seed` into
    /// batch slots 0..<count. Trace i always uses `seed.derive("trace", i)`, so the bytes do not
    /// depend on `threads`.
    public func fill(_ batch: TraceBatch, seed: RNG, first: Int = 0, count: Int? = nil, threads: Int = 1) {
        let n = count ?? batch.capacity
        precondition(n <= batch.capacity, "batch holds \(batch.capacity) traces, asked for \(n)")
        let workers = max(1, min(threads, n))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var plan = TracePlan()
            for b in stride(from: worker, to: n, by: workers) {
                var rng = seed.derive("trace", first + b)
                plan.sample(librarySize: library.systemCount, rng: &rng)
                encode(plan, into: batch, at: b)
            }
        }
    }

    /// Writes the trace `plan` describes into slot `b` of `batch`.
    public func encode(_ plan: TracePlan, into batch: TraceBatch, at b: Int) {
        let tokens = TraceLayout.tokens, dims = TraceLayout.inputDimension, d = TraceLayout.stateDimension
        let inputs = batch.inputs.baseAddress! + b * TraceBatch.inputStride
        let kinds = batch.tokenKind.baseAddress! + b * tokens
        let slots = batch.tokenSlot.baseAddress! + b * tokens
        let steps = batch.tokenStep.baseAddress! + b * tokens
        inputs.initialize(repeating: 0, count: TraceBatch.inputStride)
        kinds.initialize(repeating: TokenKind.start.rawValue, count: tokens)
        slots.initialize(repeating: -1, count: tokens)
        steps.initialize(repeating: 0, count: tokens)
        let systemsOut = batch.traceSystems.baseAddress! + b * TraceLayout.maxSystems
        systemsOut.initialize(repeating: -1, count: TraceLayout.maxSystems)
        for (j, s) in plan.systems.enumerated() { systemsOut[j] = Int32(s) }
        batch.traceMaxSystems[b] = Int32(plan.maxSystems)

        var position = 0
        func label(_ dim: Int, _ kind: TokenKind, _ slot: Int) {
            guard position < tokens else { return }
            inputs[position * dims + dim] = 1
            kinds[position] = kind.rawValue
            slots[position] = Int8(slot)
            position += 1
        }
        func payload(_ state: UnsafePointer<Float>, _ slot: Int, _ step: Int) {
            guard position < tokens else { return }
            let row = inputs + position * dims
            row[TraceLayout.flagDim] = 1
            for k in 0..<d { row[TraceLayout.payloadDim + k] = state[k] }
            kinds[position] = TokenKind.payload.rawValue
            slots[position] = Int8(slot)
            steps[position] = Int16(step)
            position += 1
        }

        label(TraceLayout.startDim, .start, -1)
        slots[0] = -1
        library.states.withUnsafeBufferPointer { statesBuffer in
            let states = statesBuffer.baseAddress!
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * TraceLayout.maxSystems) { scratch in
                let continuation = scratch.baseAddress!, introduced = scratch.baseAddress! + TraceLayout.maxSystems
                scratch.initialize(repeating: 0)
                for s in 0...plan.cuts.count where position < tokens {
                    let length = plan.segmentLength(s)
                    if length == 0 { continue }
                    let slot = plan.segmentSlots[s], pair = plan.labelPairs[slot]
                    if length == 1 {
                        label(TraceLayout.closeDim(pair), .close, slot)
                        continue
                    }
                    label(TraceLayout.openDim(pair), .open, slot)
                    if backstory != .none && introduced[slot] == 0 {
                        introduced[slot] = 1
                        emitBackstory(system: plan.systems[slot], slot: slot, emit: payload)
                    }
                    for _ in 0..<(length - 2) {
                        let step = continuation[slot]
                        payload(states + library.stateOffset(system: plan.systems[slot], step: step), slot, step)
                        continuation[slot] = step + 1
                    }
                    label(TraceLayout.closeDim(pair), .close, slot)
                }
            }
        }
        precondition(position == tokens, "trace has \(position) tokens, expected \(tokens)")
        writeTargets(batch, b)
    }

    /// x_{-7}..x_{-1} of the system's rollout, emitted oldest first.
    private func emitBackstory(system: Int, slot: Int, emit: (UnsafePointer<Float>, Int, Int) -> Void) {
        let d = TraceLayout.stateDimension, depth = TraceLayout.backstoryLength
        withUnsafeTemporaryAllocation(of: Float.self, capacity: depth * d) { history in
            library.writeBackstory(system: system, into: history.baseAddress!)
            for i in 0..<depth { emit(history.baseAddress! + i * d, slot, i - depth) }
        }
    }

    private func writeTargets(_ batch: TraceBatch, _ b: Int) {
        let tokens = TraceLayout.tokens, d = TraceLayout.stateDimension
        let inputs = batch.inputs.baseAddress! + b * TraceBatch.inputStride
        let kinds = batch.tokenKind.baseAddress! + b * tokens
        let steps = batch.tokenStep.baseAddress! + b * tokens
        let targets = batch.targets.baseAddress! + b * TraceBatch.targetStride
        let mask = batch.lossMask.baseAddress! + b * TraceLayout.positions
        for t in 0..<TraceLayout.positions {
            let isPayload = kinds[t + 1] == TokenKind.payload.rawValue
            let source = inputs + (t + 1) * TraceLayout.inputDimension + TraceLayout.payloadDim
            for k in 0..<d { targets[t * d + k] = isPayload ? source[k] : 0 }
            mask[t] = isPayload && !(backstory == .masked && steps[t + 1] < 0)
        }
    }
}
