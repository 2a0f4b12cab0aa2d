import Foundation
import Linalg

/// The distributions of paper 000's Fig. 5 (a-f) over many sampled traces, as integer counts.
///
/// Like the figure (fn. 6), they are taken on the raw draws of `TracePlan`: all C+1 segments
/// count as system appearances, degenerate ones included. Definitions:
/// - (a) `maxSystems[k]`: traces with N = k; `uniqueSystems[k]`: traces whose C+1 segment
///   draws hit k distinct systems. (c) is their CCDF P(X >= k).
/// - (b) `cuts[c]`: traces with C = c (last bin collects C >= its index). (d) is its CCDF.
/// - (e) `appearances[m]`: per segment (system appearance), m = how many of the trace's C+1
///   segments belong to that segment's system.
/// - (f) `candidates[m]`: per segment, 0 if its system has not appeared earlier in the trace,
///   else m = the number of distinct systems seen in earlier segments (the caption's example:
///   systems 0, 1, 0 gives 0, 0, 2).
/// Also the special cases of fn. 6 per cut, from the segment lengths: `coincident` (length 0),
/// `adjacent` (1), `oneGap` (2), over all C+1 segments, divided by the number of cuts.
public struct TraceStatistics: Sendable, Equatable {
    public static let cutBins = 201
    public static let appearanceBins = cutBins + 1
    public var traces = 0
    public var maxSystems = [Int](repeating: 0, count: TraceLayout.maxSystems + 1)
    public var uniqueSystems = [Int](repeating: 0, count: TraceLayout.maxSystems + 1)
    public var cuts = [Int](repeating: 0, count: cutBins)
    public var appearances = [Int](repeating: 0, count: appearanceBins)
    public var candidates = [Int](repeating: 0, count: TraceLayout.maxSystems + 1)
    public var totalCuts = 0
    public var coincident = 0
    public var adjacent = 0
    public var oneGap = 0
    /// Segments left after dropping coincident ones, and distinct systems among them.
    public var keptSegments = 0
    public var keptUniqueSystems = 0

    public init() {}

    public mutating func add(_ plan: TracePlan) {
        traces += 1
        maxSystems[plan.maxSystems] += 1
        let c = plan.cuts.count
        cuts[min(c, TraceStatistics.cutBins - 1)] += 1
        totalCuts += c
        var perSlot = [Int](repeating: 0, count: plan.maxSystems)
        var keptPerSlot = [Int](repeating: 0, count: plan.maxSystems)
        var seen = 0
        for s in 0...c {
            let slot = plan.segmentSlots[s]
            candidates[perSlot[slot] == 0 ? 0 : seen] += 1
            if perSlot[slot] == 0 { seen += 1 }
            perSlot[slot] += 1
            switch plan.segmentLength(s) {
            case 0: coincident += 1
            case 1: adjacent += 1
            case 2: oneGap += 1
            default: break
            }
            if plan.segmentLength(s) > 0 { keptSegments += 1; keptPerSlot[slot] += 1 }
        }
        for s in 0...c { appearances[min(perSlot[plan.segmentSlots[s]], TraceStatistics.appearanceBins - 1)] += 1 }
        uniqueSystems[seen] += 1
        keptUniqueSystems += keptPerSlot.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
    }

    public mutating func merge(_ other: TraceStatistics) {
        traces += other.traces
        for i in maxSystems.indices { maxSystems[i] += other.maxSystems[i]; uniqueSystems[i] += other.uniqueSystems[i] }
        for i in cuts.indices { cuts[i] += other.cuts[i] }
        for i in appearances.indices { appearances[i] += other.appearances[i] }
        for i in candidates.indices { candidates[i] += other.candidates[i] }
        totalCuts += other.totalCuts
        coincident += other.coincident; adjacent += other.adjacent; oneGap += other.oneGap
        keptSegments += other.keptSegments; keptUniqueSystems += other.keptUniqueSystems
    }

    /// Samples `traces` plans. Chunk i of `chunkSize` traces draws from `seed.derive("chunk", i)`
    /// and integer counts add exactly, so the result is the same for any `threads`.
    public static func collect(traces: Int, librarySize: Int, seed: RNG, threads: Int = 2,
                               chunkSize: Int = 10_000, progress: ((Int) -> Void)? = nil) -> TraceStatistics {
        let chunks = (traces + chunkSize - 1) / chunkSize
        let workers = max(1, min(threads, chunks))
        var partial = [TraceStatistics](repeating: TraceStatistics(), count: workers)
        let lock = NSLock()
        partial.withUnsafeMutableBufferPointer { results in
            let base = results.baseAddress!
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var local = TraceStatistics()
                var plan = TracePlan()
                for chunk in stride(from: worker, to: chunks, by: workers) {
                    var rng = seed.derive("chunk", chunk)
                    let count = min(chunkSize, traces - chunk * chunkSize)
                    for _ in 0..<count {
                        plan.sample(librarySize: librarySize, rng: &rng)
                        local.add(plan)
                    }
                    if let progress { lock.lock(); progress(count); lock.unlock() }
                }
                base[worker] = local
            }
        }
        return partial.reduce(into: TraceStatistics()) { $0.merge($1) }
    }

    // MARK: derived numbers

    public var meanSegmentsAfterDropping: Double { Double(keptSegments) / Double(max(traces, 1)) }
    public var meanUniqueSystemsAfterDropping: Double { Double(keptUniqueSystems) / Double(max(traces, 1)) }
    public var meanUniqueSystems: Double {
        Double(uniqueSystems.enumerated().reduce(0) { $0 + $1.offset * $1.element }) / Double(max(traces, 1))
    }
    public var coincidentShare: Double { Double(coincident) / Double(max(totalCuts, 1)) }
    public var adjacentShare: Double { Double(adjacent) / Double(max(totalCuts, 1)) }
    public var oneGapShare: Double { Double(oneGap) / Double(max(totalCuts, 1)) }

    /// Share of all system appearances (segments) where the predictor must choose among exactly
    /// 19 previously seen systems: the paper's "19 candidate systems ... less than 1%" (Fig. 5f).
    public var recall19Share: Double {
        Double(candidates[19]) / Double(max(candidates.reduce(0, +), 1))
    }
    /// The same count among recalls only (appearances with at least one candidate).
    public var recall19ShareOfRecalls: Double {
        Double(candidates[19]) / Double(max(candidates.dropFirst().reduce(0, +), 1))
    }

    /// Sampled N against the Zipf(1.5, 25) PMF: largest |frequency - P(k)| and Pearson's
    /// chi-square statistic (24 degrees of freedom).
    public var zipfComparison: (maxAbsDeviation: Double, chiSquare: Double) {
        let pmf = TracePlan.zipf.pmf
        let n = Double(max(traces, 1))
        var maxDev = 0.0, chi = 0.0
        for k in 1...TraceLayout.maxSystems {
            let observed = Double(maxSystems[k]), expected = pmf[k - 1] * n
            maxDev = max(maxDev, abs(observed / n - pmf[k - 1]))
            chi += (observed - expected) * (observed - expected) / expected
        }
        return (maxDev, chi)
    }

    /// Frequencies of a histogram (counts / total).
    public static func frequencies(_ counts: [Int]) -> [Double] {
        let total = Double(max(counts.reduce(0, +), 1))
        return counts.map { Double($0) / total }
    }

    /// CCDF P(X >= k) of a histogram; P(X >= k) rather than P(X > k) so that log-y panels show
    /// the largest values instead of dropping them to 0.
    public static func ccdf(_ counts: [Int]) -> [Double] {
        let f = frequencies(counts)
        var out = [Double](repeating: 0, count: f.count)
        var tail = 0.0
        for k in stride(from: f.count - 1, through: 0, by: -1) { tail += f[k]; out[k] = tail }
        return out
    }
}
