import XCTest
import Linalg
@testable import LinearSystems

final class LibraryTests: XCTestCase {
    func testHaarSystemsAreOrthogonalAndCoverBothDeterminantSigns() {
        let lib = SystemLibrary.generate(family: .orthogonal, systemCount: 400, initialStates: 1, length: 3,
                                         rng: RNG(seed: 1), threads: 2)
        var negative = 0
        for s in 0..<lib.systemCount {
            let u = Array(lib.systems[(s * 25)..<(s * 25 + 25)])
            for i in 0..<5 { for j in 0..<5 {
                var dot = 0.0
                for k in 0..<5 { dot += u[k * 5 + i] * u[k * 5 + j] }
                XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-12)
            } }
            let det = determinant(u)
            XCTAssertEqual(abs(det), 1, accuracy: 1e-10)
            if det < 0 { negative += 1 }
        }
        // Binomial(400, 1/2): 5 sigma = 50.
        XCTAssertEqual(Double(negative), 200, accuracy: 50)
    }

    func testRolloutFollowsDynamicsAndInitialStateHasUnitExpectedNorm() {
        let lib = SystemLibrary.generate(family: .orthogonal, systemCount: 2000, initialStates: 1, length: 251,
                                         rng: RNG(seed: 2), threads: 2)
        var normSum = 0.0
        for s in 0..<lib.systemCount {
            let x0 = lib.stateOffset(system: s, step: 0)
            normSum += (0..<5).reduce(0) { $0 + Double(lib.states[x0 + $1] * lib.states[x0 + $1]) }
        }
        // ‖x0‖² ~ chi²_5 / 5: mean 1, sd sqrt(2/5); 5 sigma over 2000 draws.
        XCTAssertEqual(normSum / 2000, 1, accuracy: 5 * (0.4 / 2000).squareRoot())
        let s = 17, step = 200
        for i in 0..<5 {
            var next = 0.0
            for k in 0..<5 { next += lib.systems[s * 25 + i * 5 + k] * Double(lib.states[lib.stateOffset(system: s, step: step) + k]) }
            XCTAssertEqual(Double(lib.states[lib.stateOffset(system: s, step: step + 1) + i]), next, accuracy: 1e-5)
        }
    }

    func testSameSeedSameBytesForAnyThreadCount() {
        let a = SystemLibrary.generate(family: .orthogonal, systemCount: 20, initialStates: 3, length: 20, rng: RNG(seed: 9), threads: 1)
        let b = SystemLibrary.generate(family: .orthogonal, systemCount: 20, initialStates: 3, length: 20, rng: RNG(seed: 9), threads: 2)
        XCTAssertEqual(a.systems, b.systems)
        XCTAssertEqual(a.states, b.states)
        let c = SystemLibrary.generate(family: .orthogonal, systemCount: 20, initialStates: 3, length: 20, rng: RNG(seed: 10), threads: 1)
        XCTAssertNotEqual(a.states, c.states)
    }

    func testIdentityFamilyIsConstant() {
        let lib = SystemLibrary.generate(family: .identity, systemCount: 3, initialStates: 2, length: 5, rng: RNG(seed: 3))
        for s in 0..<3 { for i in 0..<2 { for step in 1..<5 { for k in 0..<5 {
            XCTAssertEqual(lib.states[lib.stateOffset(system: s, initial: i, step: step) + k],
                           lib.states[lib.stateOffset(system: s, initial: i, step: 0) + k])
        } } } }
    }

    /// Determinant by Gaussian elimination with partial pivoting.
    private func determinant(_ m: [Double]) -> Double {
        var a = m, det = 1.0
        for c in 0..<5 {
            var p = c
            for r in c..<5 where abs(a[r * 5 + c]) > abs(a[p * 5 + c]) { p = r }
            if p != c { for k in 0..<5 { a.swapAt(p * 5 + k, c * 5 + k) }; det = -det }
            det *= a[c * 5 + c]
            for r in (c + 1)..<5 {
                let f = a[r * 5 + c] / a[c * 5 + c]
                for k in c..<5 { a[r * 5 + k] -= f * a[c * 5 + k] }
            }
        }
        return det
    }
}
