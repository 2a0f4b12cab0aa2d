import XCTest
import Linalg
import Transformer
@testable import LinearSystems

final class NeedleTraceTests: XCTestCase {
    static let test = SystemLibrary.generate(family: .orthogonal, systemCount: 7, initialStates: 6, length: 20,
                                             rng: RNG(seed: 31))
    static let train = SystemLibrary.generate(family: .orthogonal, systemCount: 9, initialStates: 1,
                                              length: TraceLayout.tokens, rng: RNG(seed: 32))

    private func filled(_ set: NeedleTraceSet, threads: Int = 2) -> NeedleTraceBatch {
        let batch = NeedleTraceBatch(capacity: set.traceCount, tokens: set.tokens)
        set.fill(batch, first: 0, count: set.traceCount, threads: threads)
        return batch
    }

    private func state(_ lib: SystemLibrary, _ system: Int, _ initial: Int, _ step: Int) -> [Float] {
        let o = lib.stateOffset(system: system, initial: initial, step: step)
        return Array(lib.states[o..<(o + 5)])
    }

    private func payload(_ b: NeedleTraceBatch, _ trace: Int, _ t: Int) -> [Float]? {
        let row = b.inputs.baseAddress! + trace * b.inputStride + t * TraceLayout.inputDimension
        guard row[TraceLayout.flagDim] == 1 else { return nil }
        return (0..<5).map { row[TraceLayout.payloadDim + $0] }
    }

    private func target(_ b: NeedleTraceBatch, _ trace: Int, _ t: Int) -> [Float] {
        (0..<5).map { b.targets[trace * b.targetStride + t * 5 + $0] }
    }

    /// The one hot dim of a label token, nil for a payload.
    private func hotDim(_ b: NeedleTraceBatch, _ trace: Int, _ t: Int) -> Int? {
        let row = Array(b.inputs[(trace * b.inputStride + t * 57)..<(trace * b.inputStride + (t + 1) * 57)])
        guard row[TraceLayout.flagDim] == 0 else { return nil }
        let hot = row.indices.filter { row[$0] != 0 }
        XCTAssertEqual(hot.count, 1)
        return hot.first
    }

    func testLayoutConfigurationsAndIndexPositions() throws {
        for n in [1, 2, 5] {
            let set = try NeedleTraceSet(library: Self.test, haystack: n, configurations: 7, statesPerConfiguration: 6,
                                         seed: RNG(seed: 3))
            XCTAssertEqual(set.tokens, 12 * n + 12)
            let b = filled(set)
            for i in 0..<set.traceCount {
                let c = i / 6, s = i % 6
                XCTAssertEqual(hotDim(b, i, 0), TraceLayout.startDim)
                var pairs: [Int] = []
                for j in 0..<n {
                    let open = 1 + 12 * j, system = (c + j) % 7
                    let dim = try XCTUnwrap(hotDim(b, i, open))
                    XCTAssertEqual(dim % 2, 0)
                    pairs.append(dim / 2)
                    XCTAssertEqual(hotDim(b, i, open + 11), dim + 1, "close label of the same pair")
                    for step in 0..<10 { XCTAssertEqual(payload(b, i, open + 1 + step), state(Self.test, system, s, step)) }
                }
                XCTAssertEqual(Set(pairs).count, n, "distinct label pairs")
                XCTAssertEqual(hotDim(b, i, set.testPosition(1)), 2 * pairs[0], "query is the needle's open label")
                for k in 1...10 {
                    XCTAssertTrue(b.hasTarget[i * b.positions + set.testPosition(k)])
                    XCTAssertEqual(target(b, i, set.testPosition(k)), state(Self.test, c, s, 9 + k), "test index \(k)")
                }
                XCTAssertEqual(payload(b, i, set.testPosition(2)), state(Self.test, c, s, 10), "test index 2 sits at x_10")
                for k in 1...8 {
                    XCTAssertTrue(b.hasTarget[i * b.positions + set.earlyPosition(k)])
                    XCTAssertEqual(target(b, i, set.earlyPosition(k)), state(Self.test, c, s, k - 1), "early index \(k)")
                }
                XCTAssertFalse(b.hasTarget[i * b.positions + 0], "no target at <start>")
                XCTAssertFalse(b.hasTarget[i * b.positions + 11], "no target at x_9 (a close label follows)")
            }
        }
    }

    func testLabelsAreSeededAndThreadIndependent() throws {
        let set = try NeedleTraceSet(library: Self.test, haystack: 5, configurations: 3, statesPerConfiguration: 6,
                                     seed: RNG(seed: 3))
        let a = filled(set, threads: 1), b = filled(set, threads: 3)
        XCTAssertEqual(Array(a.inputs), Array(b.inputs))
        XCTAssertEqual(Array(a.targets), Array(b.targets))
        let firstPairs = (0..<set.traceCount).map { hotDim(a, $0, 1)! }
        XCTAssertGreaterThan(Set(firstPairs).count, 3, "labels are redrawn per trace")
        let other = try NeedleTraceSet(library: Self.test, haystack: 5, configurations: 3, statesPerConfiguration: 6,
                                       seed: RNG(seed: 4))
        let c = filled(other)
        XCTAssertNotEqual(Array(a.inputs), Array(c.inputs))
        withExtendedLifetime(c) {}
    }

    func testBackstoriedTrainingTraces() throws {
        let set = try NeedleTraceSet(library: Self.train, systemsUsed: 5, haystack: 2, configurations: 5,
                                     statesPerConfiguration: 1, backstory: true, seed: RNG(seed: 8))
        XCTAssertEqual(set.tokens, 12 * 2 + 19)
        let b = filled(set)
        for i in 0..<5 {
            var history = [Float](repeating: 0, count: 35)
            Self.train.writeBackstory(system: i, into: &history)
            for k in 1...7 { XCTAssertEqual(target(b, i, set.earlyPosition(k)), Array(history[(k - 1) * 5..<k * 5])) }
            XCTAssertEqual(target(b, i, set.earlyPosition(8)), state(Self.train, i, 0, 0), "index 8 predicts x_0")
            XCTAssertEqual(payload(b, i, 9 + 10 + 1 + 1), state(Self.train, (i + 1) % 5, 0, 0), "second segment, no backstory")
            XCTAssertEqual(target(b, i, set.testPosition(1)), state(Self.train, i, 0, 10))
        }
        XCTAssertThrowsError(try NeedleTraceSet(library: Self.train, haystack: 2, configurations: 1, statesPerConfiguration: 2,
                                                seed: RNG(seed: 1)), "one initial state per training system")
        XCTAssertThrowsError(try NeedleTraceSet(library: Self.test, haystack: 20, configurations: 1, statesPerConfiguration: 1,
                                                seed: RNG(seed: 1)))
    }

    func testPseudoinverseErrorsFollowSpecA7() throws {
        let set = try NeedleTraceSet(library: Self.test, haystack: 3, configurations: 7, statesPerConfiguration: 6,
                                     seed: RNG(seed: 5))
        let early = (1...8).map(set.earlyPosition), test = [1, 2].map(set.testPosition)
        let errors = ScoredPositions.pseudoinverse(on: set, positions: early + test, chunk: 10)
        for i in 0..<set.traceCount {
            let c = i / 6, s = i % 6
            let x0 = state(Self.test, c, s, 0), x1 = state(Self.test, c, s, 1)
            XCTAssertEqual(errors[0][i], x0.map { $0 * $0 }.reduce(0, +), accuracy: 1e-6, "index 1 predicts 0")
            XCTAssertEqual(errors[1][i], x1.map { $0 * $0 }.reduce(0, +), accuracy: 1e-6, "index 2 predicts 0")
            XCTAssertGreaterThan(errors[5][i], 1e-6, "index 6 still has 4 pairs")
            XCTAssertEqual(errors[6][i], 0, accuracy: 1e-6, "index 7: 5 pairs determine U")
            XCTAssertEqual(errors[7][i], 0, accuracy: 1e-6)
            XCTAssertEqual(errors[8][i], 0, accuracy: 1e-6, "test index 1 with 10 observations")
            XCTAssertEqual(errors[9][i], 0, accuracy: 1e-6, "test index 2")
        }
        let q = ScoredPositions.quartiles(errors)
        XCTAssertTrue(q.allSatisfy { $0.q25 <= $0.q50 && $0.q50 <= $0.q75 })
    }

    /// Scoring on a prefix gives the same predictions as running the whole trace (causality).
    func testModelScoresOnPrefixMatchFullTraces() throws {
        let set = try NeedleTraceSet(library: Self.test, haystack: 2, configurations: 3, statesPerConfiguration: 4,
                                     seed: RNG(seed: 6))
        let model = try GPTModel(config: ModelConfig(layers: 2, width: 16, heads: 2, context: 64, input: .continuous(57),
                                                     output: .regression(5)), seed: 3)
        let early = try ScoredPositions.model(model, on: set, positions: [1, 2, 3], chunk: 5)
        let full = try ScoredPositions.model(model, on: set, positions: [1, 2, 3, set.testPosition(2)], chunk: 7)
        for j in 0..<3 {
            for i in 0..<set.traceCount { XCTAssertEqual(early[j][i], full[j][i], accuracy: 1e-5 * max(1, full[j][i])) }
        }
        XCTAssertTrue(full.joined().allSatisfy { $0.isFinite && $0 >= 0 })
    }
}
