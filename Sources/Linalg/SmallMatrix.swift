#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Small dense row-major Double matrices (n up to about 10). These sizes are far below where a
/// BLAS call pays for itself, so the loops are written out.
public enum SmallMatrix {
    /// C (m x n) = A (m x k) * B (k x n).
    @inline(__always)
    public static func multiply(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                into c: UnsafeMutablePointer<Double>, m: Int, k: Int, n: Int) {
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for l in 0..<k { s += a[i * k + l] * b[l * n + j] }
                c[i * n + j] = s
            }
        }
    }

    /// y (m) = A (m x n) * x (n), or A^T x when `transpose` (A still m x n, y of length n).
    @inline(__always)
    public static func apply(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                             into y: UnsafeMutablePointer<Double>, rows m: Int, columns n: Int,
                             transpose: Bool = false) {
        if transpose {
            for j in 0..<n { y[j] = 0 }
            for i in 0..<m { for j in 0..<n { y[j] += a[i * n + j] * x[i] } }
        } else {
            for i in 0..<m {
                var s = 0.0
                for j in 0..<n { s += a[i * n + j] * x[j] }
                y[i] = s
            }
        }
    }

    /// Householder QR of a square n x n matrix `a` (row-major): Q orthogonal, R upper
    /// triangular with A = Q R. R's diagonal keeps the signs the reflections give; callers that
    /// need a unique factor fix them (Haar sampling does).
    public static func householderQR(_ a: [Double], n: Int) -> (q: [Double], r: [Double]) {
        precondition(a.count == n * n, "householderQR: \(a.count) values for a \(n)x\(n) matrix")
        var r = a
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n { q[i * n + i] = 1 }
        var v = [Double](repeating: 0, count: n)
        for col in 0..<(n - 1) {
            var norm = 0.0
            for i in col..<n { norm += r[i * n + col] * r[i * n + col] }
            norm = norm.squareRoot()
            if norm == 0 { continue }
            let alpha = r[col * n + col] > 0 ? -norm : norm
            for i in 0..<n { v[i] = i < col ? 0 : r[i * n + col] }
            v[col] -= alpha
            var vv = 0.0
            for i in col..<n { vv += v[i] * v[i] }
            if vv == 0 { continue }
            // R <- (I - 2vv^T/v^Tv) R ;  Q <- Q (I - 2vv^T/v^Tv)
            for j in 0..<n {
                var s = 0.0
                for i in col..<n { s += v[i] * r[i * n + j] }
                let f = 2 * s / vv
                for i in col..<n { r[i * n + j] -= f * v[i] }
            }
            for i in 0..<n {
                var s = 0.0
                for k in col..<n { s += q[i * n + k] * v[k] }
                let f = 2 * s / vv
                for k in col..<n { q[i * n + k] -= f * v[k] }
            }
        }
        for i in 1..<max(n, 1) { for j in 0..<i { r[i * n + j] = 0 } }
        return (q, r)
    }

    /// Eigen-decomposition of a symmetric n x n matrix by cyclic Jacobi rotations.
    /// `values` unsorted; `vectors` holds eigenvectors in its columns (row-major n x n).
    public static func symmetricEigen(_ s: UnsafeMutablePointer<Double>, n: Int,
                                      values: UnsafeMutablePointer<Double>,
                                      vectors: UnsafeMutablePointer<Double>) {
        for i in 0..<n { for j in 0..<n { vectors[i * n + j] = i == j ? 1 : 0 } }
        for _ in 0..<60 {
            var off = 0.0, diag = 0.0
            for i in 0..<n {
                diag += s[i * n + i] * s[i * n + i]
                for j in (i + 1)..<max(n, i + 1) { off += s[i * n + j] * s[i * n + j] }
            }
            if off <= 1e-30 * diag || off == 0 { break }
            for p in 0..<(n - 1) {
                for r in (p + 1)..<n {
                    let apr = s[p * n + r]
                    if apr == 0 { continue }
                    let theta = (s[r * n + r] - s[p * n + p]) / (2 * apr)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), sn = t * c
                    for k in 0..<n {   // columns p, r of S
                        let skp = s[k * n + p], skr = s[k * n + r]
                        s[k * n + p] = c * skp - sn * skr
                        s[k * n + r] = sn * skp + c * skr
                    }
                    for k in 0..<n {   // rows p, r of S
                        let spk = s[p * n + k], srk = s[r * n + k]
                        s[p * n + k] = c * spk - sn * srk
                        s[r * n + k] = sn * spk + c * srk
                    }
                    for k in 0..<n {
                        let vkp = vectors[k * n + p], vkr = vectors[k * n + r]
                        vectors[k * n + p] = c * vkp - sn * vkr
                        vectors[k * n + r] = sn * vkp + c * vkr
                    }
                }
            }
        }
        for i in 0..<n { values[i] = s[i * n + i] }
    }

    /// Moore-Penrose pseudoinverse of a symmetric positive semi-definite n x n matrix `g`,
    /// written to `result`. Eigenvalues at or below `relativeTolerance` times the largest count
    /// as zero, so a Gram matrix of fewer than n vectors (or of dependent ones) is inverted on
    /// its range only. `scratch` needs 2n^2 + n Doubles.
    public static func symmetricPseudoinverse(_ g: UnsafePointer<Double>, n: Int,
                                              into result: UnsafeMutablePointer<Double>,
                                              scratch: UnsafeMutablePointer<Double>,
                                              relativeTolerance: Double = 1e-10) {
        let work = scratch, vectors = scratch + n * n, values = scratch + 2 * n * n
        for i in 0..<(n * n) { work[i] = g[i] }
        symmetricEigen(work, n: n, values: values, vectors: vectors)
        var largest = 0.0
        for i in 0..<n { largest = max(largest, values[i]) }
        let cutoff = largest * relativeTolerance
        for i in 0..<(n * n) { result[i] = 0 }
        if largest <= 0 { return }
        for k in 0..<n where values[k] > cutoff {
            let inv = 1 / values[k]
            for i in 0..<n {
                let f = vectors[i * n + k] * inv
                for j in 0..<n { result[i * n + j] += f * vectors[j * n + k] }
            }
        }
    }
}
