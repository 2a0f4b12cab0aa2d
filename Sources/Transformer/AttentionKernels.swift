import Foundation
import Linalg

/// Causal multi-head self-attention over `qkv [B, T, 3C]` (q, k, v side by side, head h in
/// columns h*hs..<(h+1)*hs of each), one sgemm per (sequence, head), parallel over those pairs.
/// Patterns `att [B, H, T, T]` keep the softmax probabilities (zero above the diagonal).
struct AttentionKernels {
    typealias P = UnsafeMutablePointer<Float>
    let B: Int, T: Int, C: Int, H: Int, workers: Int
    var hs: Int { C / H }
    var scale: Float { 1 / Float(hs).squareRoot() }

    /// att = causal softmax(q k^T / sqrt(hs)).
    func patterns(qkv: P, att: P) {
        let T = T, C3 = 3 * C, hs = hs, H = H, scale = scale
        Parallel.ranges(B * H, workers: workers) { pairs in
            for bh in pairs {
                let b = bh / H, h = bh % H
                let q = qkv + b * T * C3 + h * hs
                let a = att + bh * T * T
                BLAS.sgemm(transA: false, transB: true, m: T, n: T, k: hs, alpha: scale,
                           a: q, lda: C3, b: q + C, ldb: C3, beta: 0, c: a, ldc: T)
                for i in 0..<T {
                    let row = a + i * T
                    let mx = VectorReductions.max(row, i + 1)
                    for j in 0...i { row[j] = FastMath.exp(row[j] - mx) }
                    let inv = 1 / VectorReductions.sum(row, i + 1)
                    for j in 0...i { row[j] *= inv }
                    for j in (i + 1)..<T { row[j] = 0 }
                }
            }
        }
    }

    /// y [B, T, C] = att v, heads side by side.
    func mix(qkv: P, att: P, y: P) {
        let T = T, C = C, C3 = 3 * C, hs = hs, H = H
        Parallel.ranges(B * H, workers: workers) { pairs in
            for bh in pairs {
                let b = bh / H, h = bh % H
                BLAS.sgemm(transA: false, transB: false, m: T, n: hs, k: T, alpha: 1,
                           a: att + bh * T * T, lda: T, b: qkv + b * T * C3 + 2 * C + h * hs, ldb: C3,
                           beta: 0, c: y + b * T * C + h * hs, ldc: C)
            }
        }
    }

    /// dqkv (overwritten) from dy [B, T, C]; datt is scratch of the size of att.
    func backward(dy: P, qkv: P, att: P, datt: P, dqkv: P) {
        let T = T, C = C, C3 = 3 * C, hs = hs, H = H, scale = scale
        Parallel.ranges(B * H, workers: workers) { pairs in
            for bh in pairs {
                let b = bh / H, h = bh % H
                let q = qkv + b * T * C3 + h * hs, k = q + C, v = q + 2 * C
                let dq = dqkv + b * T * C3 + h * hs, dk = dq + C, dv = dq + 2 * C
                let dyh = dy + b * T * C + h * hs
                let a = att + bh * T * T, d = datt + bh * T * T
                BLAS.sgemm(transA: false, transB: true, m: T, n: T, k: hs, alpha: 1,
                           a: dyh, lda: C, b: v, ldb: C3, beta: 0, c: d, ldc: T)
                BLAS.sgemm(transA: true, transB: false, m: T, n: hs, k: T, alpha: 1,
                           a: a, lda: T, b: dyh, ldb: C, beta: 0, c: dv, ldc: C3)
                // Softmax backward, folding in the 1/sqrt(hs) of the scores.
                for i in 0..<T {
                    let ar = a + i * T, dr = d + i * T
                    let s = VectorReductions.dot(ar, dr, i + 1)
                    for j in 0...i { dr[j] = ar[j] * (dr[j] - s) * scale }
                    for j in (i + 1)..<T { dr[j] = 0 }
                }
                BLAS.sgemm(transA: false, transB: false, m: T, n: hs, k: T, alpha: 1,
                           a: d, lda: T, b: k, ldb: C3, beta: 0, c: dq, ldc: C3)
                BLAS.sgemm(transA: true, transB: false, m: T, n: hs, k: T, alpha: 1,
                           a: d, lda: T, b: q, ldb: C3, beta: 0, c: dk, ldc: C3)
            }
        }
    }
}
