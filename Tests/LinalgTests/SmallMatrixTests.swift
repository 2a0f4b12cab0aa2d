import XCTest
@testable import Linalg

final class SmallMatrixTests: XCTestCase {
    func testQRReconstructsWithOrthogonalQAndTriangularR() {
        var rng = RNG(seed: 3)
        for n in [1, 2, 5, 7] {
            let a = (0..<(n * n)).map { _ in rng.gaussian() }
            let (q, r) = SmallMatrix.householderQR(a, n: n)
            var qr = [Double](repeating: 0, count: n * n)
            SmallMatrix.multiply(q, r, into: &qr, m: n, k: n, n: n)
            for i in 0..<(n * n) { XCTAssertEqual(qr[i], a[i], accuracy: 1e-12) }
            for i in 0..<n {
                for j in 0..<n {
                    var dot = 0.0
                    for k in 0..<n { dot += q[k * n + i] * q[k * n + j] }
                    XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-12)
                    if i > j { XCTAssertEqual(r[i * n + j], 0) }
                }
            }
        }
    }

    func testPseudoinverseOfRankDeficientGram() {
        // G = v v^T + w w^T (rank 2 in R^5): G G^+ G = G and G^+ G G^+ = G^+.
        var rng = RNG(seed: 4)
        let n = 5
        let v = (0..<n).map { _ in rng.gaussian() }, w = (0..<n).map { _ in rng.gaussian() }
        var g = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { g[i * n + j] = v[i] * v[j] + w[i] * w[j] } }
        var p = [Double](repeating: 0, count: n * n), scratch = [Double](repeating: 0, count: 2 * n * n + n)
        SmallMatrix.symmetricPseudoinverse(g, n: n, into: &p, scratch: &scratch)
        var gp = [Double](repeating: 0, count: n * n), gpg = gp, pgp = gp
        SmallMatrix.multiply(g, p, into: &gp, m: n, k: n, n: n)
        SmallMatrix.multiply(gp, g, into: &gpg, m: n, k: n, n: n)
        var pg = gp
        SmallMatrix.multiply(p, g, into: &pg, m: n, k: n, n: n)
        SmallMatrix.multiply(pg, p, into: &pgp, m: n, k: n, n: n)
        for i in 0..<(n * n) {
            XCTAssertEqual(gpg[i], g[i], accuracy: 1e-9)
            XCTAssertEqual(pgp[i], p[i], accuracy: 1e-6 * max(1, abs(p[i])))
        }
    }

    func testPseudoinverseOfFullRankIsInverse() {
        var rng = RNG(seed: 8)
        let n = 5
        let a = (0..<(n * n)).map { _ in rng.gaussian() }
        var g = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { for k in 0..<n { g[i * n + j] += a[i * n + k] * a[j * n + k] } } }
        var p = [Double](repeating: 0, count: n * n), scratch = [Double](repeating: 0, count: 2 * n * n + n)
        SmallMatrix.symmetricPseudoinverse(g, n: n, into: &p, scratch: &scratch)
        var gp = [Double](repeating: 0, count: n * n)
        SmallMatrix.multiply(g, p, into: &gp, m: n, k: n, n: n)
        for i in 0..<n { for j in 0..<n { XCTAssertEqual(gp[i * n + j], i == j ? 1 : 0, accuracy: 1e-8) } }
    }
}
