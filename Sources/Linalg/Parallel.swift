import Dispatch

/// Fixed-chunk parallel loops whose results do not depend on the thread count.
///
/// Work is cut into chunks whose boundaries depend only on the problem size (never on how many
/// threads run them), and each chunk is computed by the same code whichever worker takes it.
/// A loop body whose result for an element depends only on its chunk (a BLAS call on the
/// chunk's rows, a sum in a fixed order) therefore gives the same bits on 1, 2 or 16 threads.
/// OpenBLAS's kernels round differently for different row counts, so this is what keeps
/// products identical across thread counts.
public enum Parallel {
    /// The most chunks one loop is cut into: enough for 8 threads, few enough that a
    /// single-threaded run pays little for the extra calls.
    public static let maxChunks = 8

    /// Number of chunks for `count` items with at least `minPerChunk` in each (1 to `maxChunks`).
    @inline(__always)
    public static func chunkCount(_ count: Int, minPerChunk: Int) -> Int {
        max(1, min(maxChunks, count / max(1, minPerChunk)))
    }

    /// Runs `body(range)` over `0..<count` cut into `chunkCount(count, minPerChunk:)` contiguous
    /// ranges, on up to `workers` threads.
    @inline(__always)
    public static func ranges(_ count: Int, workers: Int, minPerChunk: Int = 1,
                              _ body: (Range<Int>) -> Void) {
        workerRanges(count, workers: workers, minPerChunk: minPerChunk) { _, r in body(r) }
    }

    /// `ranges`, also telling each call which worker (`0..<workers`) runs it, so that it can
    /// use that worker's own scratch memory. Worker `w` takes chunks `w, w + threads, ...`.
    @inline(__always)
    public static func workerRanges(_ count: Int, workers: Int, minPerChunk: Int = 1,
                                    _ body: (_ worker: Int, Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = chunkCount(count, minPerChunk: minPerChunk)
        let threads = max(1, min(workers, chunks))
        if threads == 1 {
            for c in 0..<chunks { body(0, chunk(c, of: chunks, count: count)) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: threads) { w in
            var c = w
            while c < chunks { body(w, chunk(c, of: chunks, count: count)); c += threads }
        }
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
