import Foundation
import Linalg

/// Layer norm, GELU and residual additions over `[rows, C]` activations, parallel over rows.
enum ElementwiseKernels {
    typealias P = UnsafeMutablePointer<Float>

    /// out = (x - mean) / sqrt(var + eps) * w + b per row; keeps mean and 1/std for backward.
    static func layerNormForward(x: P, w: P, b: P, out: P, mean: P, rstd: P, rows: Int, C: Int, workers: Int) {
        Parallel.ranges(rows, workers: workers, minPerWorker: 64) { r in
            for i in r {
                let xi = x + i * C, oi = out + i * C
                let m = VectorReductions.sum(xi, C) / Float(C)
                let v = VectorReductions.sumSquaredDeviation(xi, mean: m, C) / Float(C)
                let rs = 1 / (v + 1e-5).squareRoot()
                for j in 0..<C { oi[j] = (xi[j] - m) * rs * w[j] + b[j] }
                mean[i] = m; rstd[i] = rs
            }
        }
    }

    /// dx += LN'(dout); dw += sum_rows dout * xhat; db += sum_rows dout.
    static func layerNormBackward(dout: P, x: P, w: P, mean: P, rstd: P, dx: P, dw: P, db: P,
                                  rows: Int, C: Int, workers: Int) {
        Parallel.ranges(rows, workers: workers, minPerWorker: 64) { r in
            for i in r {
                let xi = x + i * C, di = dout + i * C, dxi = dx + i * C
                let m = mean[i], rs = rstd[i]
                let (wd, wdx) = VectorReductions.layerNormBackwardSums(w: w, d: di, x: xi, mean: m, C)
                let sumD = wd / Float(C), sumDX = wdx * rs / Float(C)
                for j in 0..<C {
                    let xhat = (xi[j] - m) * rs
                    dxi[j] += (w[j] * di[j] - sumD - xhat * sumDX) * rs
                }
            }
        }
        Parallel.ranges(C, workers: workers, minPerWorker: 8) { cr in
            for i in 0..<rows {
                let xi = x + i * C, di = dout + i * C
                let m = mean[i], rs = rstd[i]
                for j in cr {
                    dw[j] += di[j] * (xi[j] - m) * rs
                    db[j] += di[j]
                }
            }
        }
    }

    // GELU, tanh approximation (GPT-2's): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
    // Constants are literals, not static lets: a lazily initialised global read inside the
    // loop keeps it from vectorising.

    static func geluForward(x: P, out: P, count: Int, workers: Int) {
        Parallel.ranges(count, workers: workers, minPerWorker: 4096) { r in
            for i in r {
                let v = x[i]
                out[i] = 0.5 * v * (1 + FastMath.tanh(0.7978845608028654 * (v + 0.044715 * v * v * v)))
            }
        }
    }

    /// dx = dout * gelu'(x), written over dout.
    static func geluBackward(x: P, dInOut: P, count: Int, workers: Int) {
        Parallel.ranges(count, workers: workers, minPerWorker: 4096) { r in
            for i in r {
                let v = x[i]
                let t = FastMath.tanh(0.7978845608028654 * (v + 0.044715 * v * v * v))
                let dt = (1 - t * t) * 0.7978845608028654 * (1 + 3 * 0.044715 * v * v)
                dInOut[i] *= 0.5 * (1 + t) + 0.5 * v * dt
            }
        }
    }

    /// out = a + b.
    static func add(_ a: P, _ b: P, out: P, count: Int, workers: Int) {
        Parallel.ranges(count, workers: workers, minPerWorker: 4096) { r in
            for i in r { out[i] = a[i] + b[i] }
        }
    }
}
