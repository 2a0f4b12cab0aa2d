import Foundation
import XCTest
import Linalg

/// The engine's softmax and GELU use Linalg.FastMath; it must match libm to float precision.
final class FastMathTests: XCTestCase {
    func testExpMatchesLibm() {
        var worst: Double = 0
        for i in 0...200_000 {
            let x = Float(-87 + 175 * Double(i) / 200_000)
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(FastMath.exp(x)) - exact) / exact)
        }
        XCTAssertLessThan(worst, 5e-7)
        XCTAssertEqual(FastMath.exp(0), 1)
        XCTAssertEqual(FastMath.exp(-1000), FastMath.exp(-87))
    }

    func testTanhMatchesLibm() {
        var worst: Double = 0
        for i in 0...200_000 {
            let x = Float(-12 + 24 * Double(i) / 200_000)
            worst = max(worst, abs(Double(FastMath.tanh(x)) - Foundation.tanh(Double(x))))
        }
        XCTAssertLessThan(worst, 5e-7)
        XCTAssertEqual(FastMath.tanh(0), 0)
    }
}
