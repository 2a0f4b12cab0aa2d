import Dispatch

/// Fixed-chunk parallel loops.
///
/// Work is cut into chunks whose boundaries depend only on the problem size and the worker
/// count, and worker `w` always takes chunks `w, w + workers, ...`, so every floating-point
/// result depends on the thread count and never on thread timing.
public enum Parallel {
    /// Runs `body(range)` over `0..<count` split into `workers` contiguous ranges of nearly
    /// equal size, concurrently when `workers > 1` and there is more than `minPerWorker` work each.
    @inline(__always)
    public static func ranges(_ count: Int, workers: Int, minPerWorker: Int = 1,
                              _ body: (Range<Int>) -> Void) {
        workerRanges(count, workers: workers, minPerWorker: minPerWorker) { _, r in body(r) }
    }

    /// `ranges`, also telling each call which worker (`0..<workers`) runs it, so that it can
    /// use that worker's own scratch memory.
    @inline(__always)
    public static func workerRanges(_ count: Int, workers: Int, minPerWorker: Int = 1,
                                    _ body: (_ worker: Int, Range<Int>) -> Void) {
        let w = max(1, min(workers, count / max(1, minPerWorker)))
        if w == 1 { if count > 0 { body(0, 0..<count) }; return }
        DispatchQueue.concurrentPerform(iterations: w) { i in
            body(i, chunk(i, of: w, count: count))
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
