import XCTest
@testable import Linalg

final class DistributionsTests: XCTestCase {
    func testZipfPMFMatchesDefinitionAndSamples() {
        let zipf = TruncatedZipf(exponent: 1.5, count: 25)
        XCTAssertEqual(zipf.pmf.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(zipf.pmf[0], 0.4512, accuracy: 1e-4)   // 1 / H, H = 2.21634 (spec A.2)
        XCTAssertEqual(zipf.pmf[1] / zipf.pmf[0], pow(2, -1.5), accuracy: 1e-12)
        var rng = RNG(seed: 11)
        let n = 200_000
        var counts = [Int](repeating: 0, count: 26)
        for _ in 0..<n { counts[zipf.sample(&rng)] += 1 }
        XCTAssertEqual(counts[0], 0)
        var chi = 0.0
        for k in 1...25 {
            let e = zipf.pmf[k - 1] * Double(n)
            chi += pow(Double(counts[k]) - e, 2) / e
        }
        XCTAssertLessThan(chi, 51.2)   // chi-square 24 dof, 0.999 quantile
    }

    func testPoissonMeanAndVariance() {
        var rng = RNG(seed: 5)
        for lambda in [0.7, 2.0, 9.5, 50.0] {
            let n = 100_000
            var s = 0.0, s2 = 0.0
            for _ in 0..<n { let x = Double(Poisson.sample(lambda, &rng)); s += x; s2 += x * x }
            let mean = s / Double(n), variance = s2 / Double(n) - mean * mean
            XCTAssertEqual(mean, lambda, accuracy: 5 * (lambda / Double(n)).squareRoot())
            // var of the sample variance ≈ (mu4 - sigma^4)/n = (lambda + 2 lambda^2)/n
            XCTAssertEqual(variance, lambda, accuracy: 5 * ((lambda + 2 * lambda * lambda) / Double(n)).squareRoot())
        }
    }

    func testPoissonPMFAtSmallLambda() {
        var rng = RNG(seed: 6)
        let n = 100_000, lambda = 2.0
        var zeros = 0
        for _ in 0..<n where Poisson.sample(lambda, &rng) == 0 { zeros += 1 }
        let p = exp(-lambda)
        XCTAssertEqual(Double(zeros) / Double(n), p, accuracy: 5 * (p * (1 - p) / Double(n)).squareRoot())
    }
}
