import XCTest
import Linalg
@testable import Coopetition

/// The inner-product expansion must equal the loss summed over the materialised tensor.
final class TripleProductTests: XCTestCase {
    func testExpansionMatchesTensorSum() {
        var rng = RNG(seed: 11)
        let dims = (3, 4, 5)
        let x = gaussianVector(dims.0, &rng), y = gaussianVector(dims.1, &rng), z = gaussianVector(dims.2, &rng)
        let xs = gaussianVector(dims.0, &rng), ys = gaussianVector(dims.1, &rng), zs = gaussianVector(dims.2, &rng)
        var sum = 0.0
        for i in 0..<dims.0 { for j in 0..<dims.1 { for k in 0..<dims.2 {
            let r = xs[i] * ys[j] * zs[k] - x[i] * y[j] * z[k]
            sum += r * r
        } } }
        let count = Double(dims.0 * dims.1 * dims.2)
        let product = TripleProduct(norms: (dot(x, x), dot(y, y), dot(z, z)),
                                    overlaps: (dot(xs, x), dot(ys, y), dot(zs, z)),
                                    targetNorms: (dot(xs, xs), dot(ys, ys), dot(zs, zs)), count: count)
        XCTAssertEqual(product.loss, 0.5 * sum / count, accuracy: 1e-12)
    }

    func testRecoveredRiseIgnoresRisesThatNeverComeBack() {
        XCTAssertEqual(CoopetitionAnalysis.largestRecoveredRise([3, 2, 2.5, 2.2, 1, 0.5]).0, 0.5, accuracy: 1e-12)
        XCTAssertEqual(CoopetitionAnalysis.largestRecoveredRise([3, 2, 2.5, 2.2, 1, 0.5]).1, 2)
        XCTAssertEqual(CoopetitionAnalysis.largestRecoveredRise([3, 2, 1, 4, 5]).0, 0)
        XCTAssertEqual(CoopetitionAnalysis.largestRecoveredRise([3, 2, 1]).1, -1)
        // Two excursions: the larger recovered one wins, the final unrecovered one is ignored.
        XCTAssertEqual(CoopetitionAnalysis.largestRecoveredRise([1, 1.2, 0.9, 1.5, 0.8, 5]).0, 0.6, accuracy: 1e-12)
    }
}
