import Dispatch
import Linalg

/// This machine's two limits, measured in the same run as the steps they bound: the rate of a
/// large sgemm issued the way the engine issues its products, and the bandwidth of a STREAM
/// triad over arrays of each size a step streams (tensors that fit in cache move faster than
/// ones that come from memory), each on the bench's thread count.
public struct Roofline: Sendable {
    public let sgemmGflops: Double
    /// GB/s of a triad over three arrays of the given number of floats each.
    public let bandwidthGBs: [Int: Double]

    /// Measures the sgemm rate, and the triad at every size `works` stream and at 32M floats
    /// (128 MB arrays: memory).
    public static func measure(threads: Int, for works: [StepWork]) -> Roofline {
        let sizes = works.reduce(into: Set([memoryFloats])) { $0.formUnion($1.streamSizes) }
        return Roofline(sgemmGflops: sgemmRate(threads: threads),
                        bandwidthGBs: Dictionary(uniqueKeysWithValues: sizes.map { ($0, bandwidth(floats: $0, threads: threads)) }))
    }

    static let memoryFloats = 1 << 25
    /// GB/s from memory (arrays far larger than any cache).
    public var memoryBandwidthGBs: Double { bandwidthGBs[Self.memoryFloats] ?? .nan }

    /// Milliseconds of a floor: its products at the sgemm rate plus its bytes at the bandwidth
    /// measured for its tensors' size.
    public func ms(_ floor: StepWork.Floor) -> Double {
        let bandwidth = bandwidthGBs[floor.streamFloats] ?? memoryBandwidthGBs
        return floor.flops / sgemmGflops / 1e6 + (floor.bytes > 0 ? floor.bytes / bandwidth / 1e6 : 0)
    }

    /// The step's floor: the sum of its operation classes' floors.
    public func ms(_ work: StepWork) -> Double { EngineOp.allCases.reduce(0) { $0 + ms(work[$1]) } }

    /// The part of `ms(work)` that is products at the sgemm rate.
    public func productMs(_ work: StepWork) -> Double { work.flops / sgemmGflops / 1e6 }

    /// GFLOP/s of `[4096, 1024] x [1024, 1024]^T` cut into the engine's fixed row blocks, one
    /// single-threaded sgemm each, on `threads` workers. Best of `repeats`.
    public static func sgemmRate(threads: Int, repeats: Int = 5) -> Double {
        BLAS.setThreads(1)
        let m = 4096, k = 1024, n = 1024
        let a = FloatBuffer(m * k), b = FloatBuffer(n * k), c = FloatBuffer(m * n)
        var rng = RNG(seed: 3)
        for i in 0..<a.count { a.pointer[i] = Float(rng.uniform()) }
        for i in 0..<b.count { b.pointer[i] = Float(rng.uniform()) }
        let seconds = best(of: repeats) {
            LinearKernels.forward(x: a.pointer, weight: b.pointer, bias: nil, y: c.pointer, rows: m, in: k, out: n, workers: threads)
        }
        return 2 * Double(m * n * k) / seconds / 1e9
    }

    /// GB/s of `c = a + s b` over three arrays of `floats` each (12 bytes per element, STREAM's
    /// count), split over `threads` workers that each repeat the pass over their own part (so
    /// small arrays measure the cache, not the cost of starting threads): the best of five
    /// samples of at least 20 ms each.
    public static func bandwidth(floats n: Int, threads: Int) -> Double {
        let a = FloatBuffer(n), b = FloatBuffer(n), c = FloatBuffer(n)
        a.buffer.update(repeating: 1); b.buffer.update(repeating: 2)
        let pa = a.pointer, pb = b.pointer, pc = c.pointer
        func triad(passes: Int) {
            Parallel.ranges(n, workers: threads) { r in
                for _ in 0..<passes { for i in r { pc[i] = pa[i] + 0.5 * pb[i] } }
            }
        }
        let passes = max(1, Int(0.02 / max(best(of: 1) { triad(passes: 1) }, 1e-9)))
        return 12 * Double(n) * Double(passes) / best(of: 5) { triad(passes: passes) } / 1e9
    }

    /// The shortest of `repeats` timed calls after one untimed call, in seconds.
    static func best(of repeats: Int, _ body: () -> Void) -> Double {
        body()
        var shortest = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            shortest = min(shortest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return shortest
    }
}
