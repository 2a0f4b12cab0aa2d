import XCTest
@testable import Linalg

final class RNGTests: XCTestCase {
    func testSameSeedSameStream() {
        var a = RNG(seed: 42), b = RNG(seed: 42)
        for _ in 0..<100 { XCTAssertEqual(a.next(), b.next()) }
    }

    func testDerivedStreamsDiffer() {
        let root = RNG(seed: 7)
        var a = root.derive("library"), b = root.derive("test")
        XCTAssertNotEqual(a.next(), b.next())
    }

    func testGaussianMoments() {
        var rng = RNG(seed: 1)
        let n = 200_000
        var s = 0.0, s2 = 0.0
        for _ in 0..<n { let x = rng.gaussian(); s += x; s2 += x * x }
        XCTAssertEqual(s / Double(n), 0, accuracy: 0.01)
        XCTAssertEqual(s2 / Double(n), 1, accuracy: 0.01)
    }

    func testIntBelowIsUniform() {
        var rng = RNG(seed: 3)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[rng.int(below: 7)] += 1 }
        for c in counts { XCTAssertEqual(Double(c), 10_000, accuracy: 400) }
    }

    func testStateRoundTrip() {
        var a = RNG(seed: 9)
        _ = a.next()
        var b = RNG(state: a.state)
        for _ in 0..<10 { XCTAssertEqual(a.next(), b.next()) }
    }
}
