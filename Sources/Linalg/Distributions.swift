#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The truncated Zipf law on {1, ..., n}: P(k) = k^-a / H(a, n).
///
/// Sampling inverts a precomputed CDF table by binary search, so every draw costs one uniform
/// and log2(n) comparisons.
public struct TruncatedZipf: Sendable {
    public let exponent: Double
    public let count: Int
    /// `pmf[k-1]` = P(k).
    public let pmf: [Double]
    private let cdf: [Double]

    public init(exponent: Double, count: Int) {
        precondition(count >= 1, "Zipf needs at least one outcome")
        self.exponent = exponent
        self.count = count
        let weights = (1...count).map { pow(Double($0), -exponent) }
        let total = weights.reduce(0, +)
        pmf = weights.map { $0 / total }
        var running = 0.0
        var table = pmf.map { p -> Double in running += p; return running }
        table[count - 1] = 1   // guards the last bin against rounding below 1
        cdf = table
    }

    /// A draw in 1...count.
    @inline(__always)
    public func sample(_ rng: inout RNG) -> Int {
        let u = rng.uniform()
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if u < cdf[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo + 1
    }
}

/// Exact Poisson sampling by sequential inversion of the CDF, started at the mode so that the
/// expected number of steps is O(sqrt(lambda)); exact for every lambda where e^-lambda is a
/// normal Double (lambda below about 700), which covers toyworld's lambda <= 50.
public enum Poisson {
    @inline(__always)
    public static func sample(_ lambda: Double, _ rng: inout RNG) -> Int {
        precondition(lambda >= 0 && lambda < 700, "Poisson lambda \(lambda) outside [0, 700)")
        if lambda == 0 { return 0 }
        let mode = Int(lambda)
        // P(mode) by logs, then walk outwards: down and up alternately accumulating mass.
        let pMode = exp(-lambda + Double(mode) * log(lambda) - lgamma(Double(mode) + 1))
        let u = rng.uniform()
        var accumulated = pMode
        if u < accumulated { return mode }
        var down = mode, up = mode
        var pDown = pMode, pUp = pMode
        while true {
            if down > 0 {
                pDown *= Double(down) / lambda
                down -= 1
                accumulated += pDown
                if u < accumulated { return down }
            }
            up += 1
            pUp *= lambda / Double(up)
            accumulated += pUp
            if u < accumulated { return up }
            if pUp < 1e-300 && down == 0 { return up }   // u within rounding of 1: the tail is empty
        }
    }
}
