import Dispatch
import Linalg

/// This machine's two limits, measured in the same run as the steps they bound: the rate of a
/// large sgemm issued the way the engine issues its products, and the bandwidth of a STREAM
/// triad over arrays of each size a step streams (tensors that fit in cache move faster than
/// ones that come from memory), each on the bench's thread count.
public struct Roofline: Sendable {
    /// The best rate seen so far in this run: the machine can reach it, so a slower sample (a
    /// frequency drop, another tenant) must not lower the floor.
    public private(set) var sgemmGflops: Double
    /// GB/s of a triad over three arrays of the given number of floats each.
    public let bandwidthGBs: [Int: Double]

    /// Measures the sgemm rate, and the triad at every size `works` stream and at 32M floats
    /// (128 MB arrays: memory).
    public static func measure(threads: Int, for works: [StepWork]) -> Roofline {
        let sizes = works.reduce(into: Set([memoryFloats])) { $0.formUnion($1.streamSizes) }
        return Roofline(sgemmGflops: sgemmRate(threads: threads),
                        bandwidthGBs: Dictionary(uniqueKeysWithValues: sizes.map { ($0, bandwidth(floats: $0, threads: threads)) }))
    }

    /// Samples the sgemm rate again (the bench does before each configuration) and keeps the best.
    public mutating func resampleSgemm(threads: Int) { sgemmGflops = max(sgemmGflops, Self.sgemmRate(threads: threads)) }

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

    /// The best GFLOP/s of a `4096 x 1024 x 1024` product in each of the engine's three forms
    /// (forward NT, input gradient NN, weight gradient TN), issued as the engine issues them.
    public static func sgemmRate(threads: Int) -> Double {
        [GemmBench.Product.forward, .inputGradient, .weightGradient]
            .map { GemmBench.rate(.init(product: $0, rows: 4096, inDim: 1024, outDim: 1024), threads: threads) }.max()!
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
