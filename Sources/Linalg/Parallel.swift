import Dispatch

/// Parallel loops whose results do not depend on the thread count.
///
/// `ranges` splits work by the thread count. It is for bodies that compute every element the
/// same way whatever range it falls in (elementwise maps, per-row or per-column sums in a fixed
/// order): the split changes who computes what, never the bits.
///
/// `fixedRanges` splits work into chunks fixed by the problem size alone. It is for bodies whose
/// rounding depends on the range they get, such as a BLAS product over a block of rows: OpenBLAS
/// picks kernels by the row count, so the same rows multiplied in blocks of another size round
/// differently. Each chunk is computed by the same call whichever worker takes it.
public enum Parallel {
    /// The most chunks `fixedRanges` cuts one loop into: enough for 8 threads, few enough that
    /// a single-threaded run pays little for the extra calls.
    public static let maxChunks = 8

    /// Runs `body(range)` over `0..<count` split into up to `workers` contiguous ranges of nearly
    /// equal size, concurrently when there is more than `minPerWorker` work each. The body's
    /// results must not depend on where the ranges start and end.
    @inline(__always)
    public static func ranges(_ count: Int, workers: Int, minPerWorker: Int = 1, _ body: (Range<Int>) -> Void) {
        workerRanges(count, workers: workers, minPerWorker: minPerWorker) { _, r in body(r) }
    }

    /// `ranges`, also telling each call which worker (`0..<workers`) runs it, so that it can
    /// use that worker's own scratch memory.
    @inline(__always)
    public static func workerRanges(_ count: Int, workers: Int, minPerWorker: Int = 1,
                                    _ body: (_ worker: Int, Range<Int>) -> Void) {
        let w = max(1, min(workers, count / max(1, minPerWorker)))
        if w == 1 { if count > 0 { body(0, 0..<count) }; return }
        DispatchQueue.concurrentPerform(iterations: w) { i in body(i, chunk(i, of: w, count: count)) }
    }

    /// Runs `body(range)` over `0..<count` cut into `chunkCount(count, minPerChunk:)` contiguous
    /// ranges that depend only on `count`, on up to `workers` threads (worker w takes chunks w,
    /// w + threads, ...).
    @inline(__always)
    public static func fixedRanges(_ count: Int, workers: Int, minPerChunk: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = chunkCount(count, minPerChunk: minPerChunk)
        let threads = max(1, min(workers, chunks))
        if threads == 1 {
            for c in 0..<chunks { body(chunk(c, of: chunks, count: count)) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: threads) { w in
            var c = w
            while c < chunks { body(chunk(c, of: chunks, count: count)); c += threads }
        }
    }

    /// Number of chunks for `count` items with at least `minPerChunk` in each (1 to `maxChunks`).
    @inline(__always)
    public static func chunkCount(_ count: Int, minPerChunk: Int) -> Int {
        max(1, min(maxChunks, count / max(1, minPerChunk)))
    }

    /// The `i`-th of `parts` contiguous ranges covering `0..<count` (the first `count % parts`
    /// ranges are one longer).
    @inline(__always)
    public static func chunk(_ i: Int, of parts: Int, count: Int) -> Range<Int> {
        let base = count / parts, extra = count % parts
        let lo = i * base + min(i, extra)
        return lo..<(lo + base + (i < extra ? 1 : 0))
    }
}
