import Linalg

/// Causal multi-head self-attention over `qkv [B, T, 3C]` (q, k, v side by side, head h in
/// columns h*hs..<(h+1)*hs of each), parallel over (sequence, head) pairs. Patterns
/// `att [B, H, T, T]` keep the softmax probabilities (zero above the diagonal).
///
/// Products run on blocks of `block` query rows (or key columns) and stop at the diagonal
/// block, so the masked upper triangle is mostly never computed.
struct AttentionKernels {
    typealias P = UnsafeMutablePointer<Float>
    let B: Int, T: Int, C: Int, H: Int, workers: Int
    /// 64 measured faster than 128 for T = 250 (lds-small: 149 vs 160 ms of attention per step)
    /// and level with 32 (227 vs 230 ms, on a loaded machine).
    let block = 64
    var hs: Int { C / H }
    var scale: Float { 1 / Float(hs).squareRoot() }

    /// Row (or column) blocks `[lo, hi)` of the T x T pattern.
    private func blocks(_ body: (Int, Int) -> Void) {
        var lo = 0
        while lo < T { let hi = min(T, lo + block); body(lo, hi); lo = hi }
    }

    /// att = causal softmax(q k^T / sqrt(hs)), for every (sequence, head) pair.
    func patterns(qkv: P, att: P) {
        Parallel.ranges(B * H, workers: workers) { pairs in
            for bh in pairs { pattern(bh, qkv: qkv, att: att) }
        }
    }

    /// y [B, T, C] = att v, heads side by side.
    func mix(qkv: P, att: P, y: P) {
        Parallel.ranges(B * H, workers: workers) { pairs in
            for bh in pairs { mix(bh, qkv: qkv, att: att, y: y) }
        }
    }

    /// `patterns` then `mix`, pair by pair: each T x T pattern is still in cache when it is
    /// mixed instead of being read back from memory. Bit-identical to the two passes, which
    /// remain for when a hook must see (or change) every pattern before the mix.
    func patternsAndMix(qkv: P, att: P, y: P) {
        Parallel.ranges(B * H, workers: workers) { pairs in
            for bh in pairs {
                pattern(bh, qkv: qkv, att: att)
                mix(bh, qkv: qkv, att: att, y: y)
            }
        }
    }

    @inline(__always)
    private func pattern(_ bh: Int, qkv: P, att: P) {
        let T = T, C3 = 3 * C
        let q = qkv + (bh / H) * T * C3 + (bh % H) * hs
        let a = att + bh * T * T
        blocks { lo, hi in
            BLAS.sgemm(transA: false, transB: true, m: hi - lo, n: hi, k: hs, alpha: scale,
                       a: q + lo * C3, lda: C3, b: q + C, ldb: C3, beta: 0, c: a + lo * T, ldc: T)
        }
        for i in 0..<T {
            let row = a + i * T
            let mx = VectorReductions.max(row, i + 1)
            for j in 0...i { row[j] = FastMath.exp(row[j] - mx) }
            let inv = 1 / VectorReductions.sum(row, i + 1)
            for j in 0...i { row[j] *= inv }
            (row + i + 1).update(repeating: 0, count: T - i - 1)
        }
    }

    @inline(__always)
    private func mix(_ bh: Int, qkv: P, att: P, y: P) {
        let T = T, C = C, C3 = 3 * C, hs = hs
        let b = bh / H, h = bh % H
        let a = att + bh * T * T, v = qkv + b * T * C3 + 2 * C + h * hs, yh = y + b * T * C + h * hs
        blocks { lo, hi in
            BLAS.sgemm(transA: false, transB: false, m: hi - lo, n: hs, k: hi, alpha: 1,
                       a: a + lo * T, lda: T, b: v, ldb: C3, beta: 0, c: yh + lo * C, ldc: C)
        }
    }

    /// dqkv (overwritten) from dy [B, T, C]; datt is scratch of `workers` T x T patterns.
    func backward(dy: P, qkv: P, att: P, datt: P, dqkv: P) {
        let T = T, C = C, C3 = 3 * C, hs = hs, H = H, scale = scale
        Parallel.workerRanges(B * H, workers: workers) { worker, pairs in
            let d = datt + worker * T * T
            for bh in pairs {
                let b = bh / H, h = bh % H
                let q = qkv + b * T * C3 + h * hs, k = q + C, v = q + 2 * C
                let dq = dqkv + b * T * C3 + h * hs, dk = dq + C, dv = dq + 2 * C
                let dyh = dy + b * T * C + h * hs
                let a = att + bh * T * T
                blocks { lo, hi in
                    // datt rows lo..<hi, columns up to the diagonal block.
                    BLAS.sgemm(transA: false, transB: true, m: hi - lo, n: hi, k: hs, alpha: 1,
                               a: dyh + lo * C, lda: C, b: v, ldb: C3, beta: 0, c: d + lo * T, ldc: T)
                    // dv for keys lo..<hi gathers the queries at or after them.
                    BLAS.sgemm(transA: true, transB: false, m: hi - lo, n: hs, k: T - lo, alpha: 1,
                               a: a + lo * T + lo, lda: T, b: dyh + lo * C, ldb: C, beta: 0, c: dv + lo * C3, ldc: C3)
                    // Softmax backward, folding in the 1/sqrt(hs) of the scores; zero above the
                    // diagonal within the diagonal block, which the products below read.
                    for i in lo..<hi {
                        let ar = a + i * T, dr = d + i * T
                        let s = VectorReductions.dot(ar, dr, i + 1)
                        for j in 0...i { dr[j] = ar[j] * (dr[j] - s) * scale }
                        (dr + i + 1).update(repeating: 0, count: hi - i - 1)
                    }
                    BLAS.sgemm(transA: false, transB: false, m: hi - lo, n: hs, k: hi, alpha: 1,
                               a: d + lo * T, lda: T, b: k, ldb: C3, beta: 0, c: dq + lo * C3, ldc: C3)
                }
                // dk for keys lo..<hi needs the score gradients of every later query row.
                blocks { lo, hi in
                    BLAS.sgemm(transA: true, transB: false, m: hi - lo, n: hs, k: T - lo, alpha: 1,
                               a: d + lo * T + lo, lda: T, b: q + lo * C3, ldb: C3, beta: 0, c: dk + lo * C3, ldc: C3)
                }
            }
        }
    }
}
