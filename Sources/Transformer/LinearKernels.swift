import Linalg

/// `y = x W^T + b` and its backward pass for row-major activations `[rows, in]`, weights
/// `[out, in]`. Each product is split into row ranges fixed by its shape
/// (`Parallel.fixedRanges`), one single-threaded sgemm per range, so the result does not depend
/// on the thread count.
enum LinearKernels {
    typealias P = UnsafeMutablePointer<Float>

    static func forward(x: P, weight: P, bias: P?, y: P, rows: Int, in inDim: Int, out outDim: Int, workers: Int) {
        Parallel.fixedRanges(rows, workers: workers, minPerChunk: 256) { r in
            let yr = y + r.lowerBound * outDim
            if let bias {
                for i in 0..<r.count { (yr + i * outDim).update(from: bias, count: outDim) }
            }
            BLAS.sgemm(transA: false, transB: true, m: r.count, n: outDim, k: inDim,
                       alpha: 1, a: x + r.lowerBound * inDim, lda: inDim, b: weight, ldb: inDim,
                       beta: bias == nil ? 0 : 1, c: yr, ldc: outDim)
        }
    }

    /// dx (overwritten, or accumulated when `accumulate`) = dy W; dW += dy^T x; db += sum_rows dy.
    static func backward(dy: P, x: P, weight: P, dx: P?, dWeight: P, dBias: P?,
                         rows: Int, in inDim: Int, out outDim: Int, accumulate: Bool = false, workers: Int) {
        if let dx { inputGradient(dy: dy, weight: weight, dx: dx, rows: rows, in: inDim, out: outDim, accumulate: accumulate, workers: workers) }
        weightGradient(dy: dy, x: x, dWeight: dWeight, rows: rows, in: inDim, out: outDim, workers: workers)
        if let dBias { sumRows(dy, into: dBias, rows: rows, columns: outDim, workers: workers) }
    }

    /// dx = dy W (`[rows, out] x [out, in]`), or dx += dy W when `accumulate`.
    static func inputGradient(dy: P, weight: P, dx: P, rows: Int, in inDim: Int, out outDim: Int, accumulate: Bool, workers: Int) {
        Parallel.fixedRanges(rows, workers: workers, minPerChunk: 256) { r in
            BLAS.sgemm(transA: false, transB: false, m: r.count, n: inDim, k: outDim,
                       alpha: 1, a: dy + r.lowerBound * outDim, lda: outDim, b: weight, ldb: inDim,
                       beta: accumulate ? 1 : 0, c: dx + r.lowerBound * inDim, ldc: inDim)
        }
    }

    /// dW += dy^T x (`[out, rows] x [rows, in]`), split over output rows.
    static func weightGradient(dy: P, x: P, dWeight: P, rows: Int, in inDim: Int, out outDim: Int, workers: Int) {
        Parallel.fixedRanges(outDim, workers: workers, minPerChunk: 32) { o in
            BLAS.sgemm(transA: true, transB: false, m: o.count, n: inDim, k: rows,
                       alpha: 1, a: dy + o.lowerBound, lda: outDim, b: x, ldb: inDim,
                       beta: 1, c: dWeight + o.lowerBound * inDim, ldc: inDim)
        }
    }

    /// out[j] += sum_i m[i, j], split over columns so each sum runs in row order.
    static func sumRows(_ m: P, into out: P, rows: Int, columns: Int, workers: Int) {
        Parallel.ranges(columns, workers: workers, minPerWorker: 8) { cr in
            for i in 0..<rows {
                let row = m + i * columns
                for j in cr { out[j] += row[j] }
            }
        }
    }
}
