import XCTest
import Linalg
@testable import LinearSystems

final class PseudoinverseTests: XCTestCase {
    /// Spec A.7's medians (1000 Monte-Carlo systems) at indices 1...7.
    static let specMedians = [0.848, 0.848, 0.686, 0.493, 0.285, 0.097, 0]

    func testFreshSystemMediansMatchSpecWithinMonteCarloError() {
        let m = 20_000
        let errors = PseudoinverseBaseline.freshSystemErrors(systems: m, maxIndex: 7, family: .orthogonal, rng: RNG(seed: 77))
        for (i, column) in errors.enumerated() {
            let sorted = column.sorted()
            let median = PseudoinverseBaseline.quantile(sorted, 0.5)
            if i == 6 { XCTAssertLessThan(median, 1e-9); continue }
            // Standard error of a median from order statistics: ranks m/2 ± sqrt(m)/2 span ±1 se.
            let half = Int(Double(m).squareRoot() / 2)
            let se = (sorted[m / 2 + half] - sorted[m / 2 - half]) / 2
            let seSpec = se * (Double(m) / 1000).squareRoot()
            let tolerance = 4 * (se * se + seSpec * seSpec).squareRoot()
            XCTAssertEqual(median, Self.specMedians[i], accuracy: tolerance, "index \(i + 1)")
            if i == 0 {   // ‖x0‖² ~ chi²_5 / 5, median 4.35146 / 5
                XCTAssertEqual(median, 0.870292, accuracy: 4 * se)
            }
        }
        // Indices 1 and 2 predict 0, so they share a distribution but not samples.
        XCTAssertNotEqual(errors[0], errors[1])
    }

    func testOverTracesIsExactAfterSixObservationsAndZeroBeforeTwo() {
        let library = TraceBuilderTests.library
        for mode in [BackstoryMode.none, .masked] {
            let batch = TraceBatch(capacity: 50)
            TraceBuilder(library: library, backstory: mode).fill(batch, seed: RNG(seed: 12))
            let T = TraceLayout.tokens
            var predictions = [Float](repeating: 0, count: (T - 1) * 5), errors = [Float](repeating: 0, count: T - 1)
            var hasTarget = [Bool](repeating: false, count: T - 1)
            var exact = 0
            var predictor = PseudoinversePredictor()
            for trace in 0..<batch.capacity {
                predictor.run(inputs: batch.inputs.baseAddress! + trace * TraceBatch.inputStride, tokens: T,
                                           predictions: &predictions, squaredErrors: &errors, hasTarget: &hasTarget)
                var seen: [Int: Int] = [:]
                for t in 0..<(T - 1) {
                    let kind = batch.tokenKind[trace * T + t]
                    let slot = Int(batch.tokenSlot[trace * T + t])
                    if kind == TokenKind.payload.rawValue { seen[slot, default: 0] += 1 }
                    let targetIsPayload = batch.tokenKind[trace * T + t + 1] == TokenKind.payload.rawValue
                    XCTAssertEqual(hasTarget[t], targetIsPayload)
                    guard targetIsPayload else { XCTAssertEqual(errors[t], 0); continue }
                    let count = seen[slot, default: 0]
                    if count < 2 {
                        let target = (0..<5).map { Double(batch.targets[(trace * (T - 1) + t) * 5 + $0]) }
                        XCTAssertEqual(Double(errors[t]), target.reduce(0) { $0 + $1 * $1 }, accuracy: 1e-5)
                    } else if count >= 6 {
                        XCTAssertLessThan(errors[t], 1e-6, "trace \(trace) position \(t), \(count) observations")
                        exact += 1
                    }
                }
            }
            XCTAssertGreaterThan(exact, 1000)
        }
    }

    func testIdentityFamilyIsExactFromTheSecondObservation() {
        let errors = PseudoinverseBaseline.freshSystemErrors(systems: 200, maxIndex: 5, family: .identity, rng: RNG(seed: 1))
        XCTAssertGreaterThan(errors[1].min()!, 0)   // index 2: prediction 0 from one observation
        for i in 2..<5 { XCTAssertLessThan(errors[i].max()!, 1e-10) }
    }
}
