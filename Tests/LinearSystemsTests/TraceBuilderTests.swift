import XCTest
import Linalg
@testable import LinearSystems

final class TraceBuilderTests: XCTestCase {
    static let library = SystemLibrary.generate(family: .orthogonal, systemCount: 64, initialStates: 1,
                                                length: TraceLayout.tokens, rng: RNG(seed: 21), threads: 2)

    private func batch(_ mode: BackstoryMode, traces: Int = 400, seed: UInt64 = 5, threads: Int = 2) -> TraceBatch {
        let batch = TraceBatch(capacity: traces)
        TraceBuilder(library: Self.library, backstory: mode).fill(batch, seed: RNG(seed: seed), threads: threads)
        return batch
    }

    func testInvariantsWithAndWithoutBackstories() {
        for mode in BackstoryMode.allCases {
            let b = batch(mode)
            for trace in 0..<b.capacity { checkTrace(b, trace, mode) }
        }
    }

    private func checkTrace(_ b: TraceBatch, _ trace: Int, _ mode: BackstoryMode, file: StaticString = #filePath, line: UInt = #line) {
        let T = TraceLayout.tokens, dims = TraceLayout.inputDimension
        let kinds = (0..<T).map { TokenKind(rawValue: b.tokenKind[trace * T + $0])! }
        let slots = (0..<T).map { Int(b.tokenSlot[trace * T + $0]) }
        let steps = (0..<T).map { Int(b.tokenStep[trace * T + $0]) }
        let row = { (t: Int) in Array(b.inputs[(trace * T + t) * dims ..< (trace * T + t + 1) * dims]) }
        XCTAssertEqual(kinds[0], .start)
        XCTAssertEqual(row(0)[TraceLayout.startDim], 1)
        var pairOfSlot: [Int: Int] = [:]
        var open: Int? = nil
        var lastStep: [Int: Int] = [:]
        for t in 1..<T {
            let r = row(t)
            XCTAssertNotEqual(kinds[t], .start, "start symbol only at index 0", file: file, line: line)
            switch kinds[t] {
            case .open, .close:
                let hot = r.indices.filter { r[$0] != 0 }
                XCTAssertEqual(hot.count, 1, "a label is one-hot", file: file, line: line)
                let pair = hot[0] / 2
                XCTAssertEqual(hot[0] % 2, kinds[t] == .open ? 0 : 1)
                if let p = pairOfSlot[slots[t]] { XCTAssertEqual(p, pair, "one label pair per system", file: file, line: line) }
                pairOfSlot[slots[t]] = pair
                if kinds[t] == .open {
                    XCTAssertNil(open, "open inside an open segment at \(t)", file: file, line: line)
                    open = slots[t]
                } else if let o = open {
                    XCTAssertEqual(o, slots[t], "close matches the open system", file: file, line: line)
                    open = nil
                }   // else: special case (2), a lone close label
            case .payload:
                XCTAssertEqual(open, slots[t], "payload inside its system's segment", file: file, line: line)
                XCTAssertEqual(r[TraceLayout.flagDim], 1)
                XCTAssertEqual(r[0..<TraceLayout.flagDim].filter { $0 != 0 }.count, 0)
                let expectedStep = lastStep[slots[t]].map { $0 + 1 } ?? (mode == .none ? 0 : -TraceLayout.backstoryLength)
                XCTAssertEqual(steps[t], expectedStep, "contiguous continuation at \(t)", file: file, line: line)
                lastStep[slots[t]] = steps[t]
                if steps[t] >= 0 {
                    let system = b.librarySystem(trace: trace, token: t)!
                    let lib = Self.library.stateOffset(system: system, step: steps[t])
                    for k in 0..<5 { XCTAssertEqual(r[TraceLayout.payloadDim + k], Self.library.states[lib + k]) }
                }
            case .start: break
            }
        }
        // Pair labels are distinct across systems.
        XCTAssertEqual(Set(pairOfSlot.values).count, pairOfSlot.count, file: file, line: line)
        // Targets and loss mask (spec A.4, A.5).
        for t in 0..<TraceLayout.positions {
            let isPayload = kinds[t + 1] == .payload
            let masked = b.lossMask[trace * TraceLayout.positions + t]
            let backstoryTarget = isPayload && steps[t + 1] < 0
            XCTAssertEqual(masked, isPayload && !(mode == .masked && backstoryTarget), "mask at \(t)", file: file, line: line)
            if kinds[t] == .close || t == 0 { XCTAssertFalse(masked) }
            if kinds[t] == .payload && t + 1 < T && kinds[t + 1] == .close { XCTAssertFalse(masked) }
            if kinds[t] == .open && isPayload && !backstoryTarget { XCTAssertTrue(masked, "loss at the open label") }
            if mode == .masked && kinds[t] == .payload && steps[t] == -1 && isPayload { XCTAssertTrue(masked, "loss on x_0 after x_{-1}") }
            for k in 0..<5 {
                let target = b.targets[(trace * TraceLayout.positions + t) * 5 + k]
                XCTAssertEqual(target, isPayload ? row(t + 1)[TraceLayout.payloadDim + k] : 0)
            }
        }
    }

    func testBackstoryRunsForwardIntoTheInitialState() {
        let b = batch(.masked, traces: 100)
        let T = TraceLayout.tokens, dims = TraceLayout.inputDimension
        var checked = 0
        for trace in 0..<b.capacity {
            for t in 0..<T where b.tokenKind[trace * T + t] == TokenKind.payload.rawValue && b.tokenStep[trace * T + t] == -7 {
                let system = b.librarySystem(trace: trace, token: t)!
                var x = (0..<5).map { Double(b.inputs[(trace * T + t) * dims + TraceLayout.payloadDim + $0]) }
                for _ in 0..<7 {
                    x = (0..<5).map { i in (0..<5).reduce(0.0) { $0 + Self.library.systems[system * 25 + i * 5 + $1] * x[$1] } }
                }
                let x0 = Self.library.stateOffset(system: system, step: 0)
                for k in 0..<5 { XCTAssertEqual(x[k], Double(Self.library.states[x0 + k]), accuracy: 1e-5) }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testSameSeedSameBytesForAnyThreadCount() {
        for mode in [BackstoryMode.none, .masked] {
            let a = batch(mode, traces: 64, seed: 3, threads: 1), c = batch(mode, traces: 64, seed: 3, threads: 2)
            XCTAssertEqual(Array(a.inputs), Array(c.inputs))
            XCTAssertEqual(Array(a.targets), Array(c.targets))
            XCTAssertEqual(Array(a.lossMask), Array(c.lossMask))
            let d = batch(mode, traces: 64, seed: 4, threads: 1)
            XCTAssertNotEqual(Array(a.inputs), Array(d.inputs))
        }
    }

    func testBackstoriesShortenLossBearingPositions() {
        // Spec A.5 measured mean loss positions per trace: 233.7 plain, 215.9 masked backstory.
        let plain = batch(.none, traces: 2000, seed: 8), masked = batch(.masked, traces: 2000, seed: 8)
        let meanPlain = Double(plain.lossMask.filter { $0 }.count) / 2000
        let meanMasked = Double(masked.lossMask.filter { $0 }.count) / 2000
        XCTAssertEqual(meanPlain, 233.7, accuracy: 2.5)
        XCTAssertEqual(meanMasked, 215.9, accuracy: 2.5)
    }
}
