import Linalg

/// The random choices behind one interleaved trace (App. B.2 steps 2-7, spec A.2), before any
/// special case of fn. 6 is applied. Fig. 5's statistics read these raw draws; the encoder
/// applies the special cases. Arrays are reused between traces (`sample` keeps capacity).
public struct TracePlan: Sendable {
    public static let zipf = TruncatedZipf(exponent: 1.5, count: TraceLayout.maxSystems)

    /// N, the maximum number of systems.
    public private(set) var maxSystems = 0
    /// Library index of slot j (j < N), distinct.
    public private(set) var systems: [Int] = []
    /// Label pair of slot j, distinct: the first N entries of a permutation of the 25 pairs.
    public private(set) var labelPairs: [Int] = []
    /// The C cut positions in 1...250, sorted (drawn with replacement).
    public private(set) var cuts: [Int] = []
    /// The slot drawn for each of the C+1 raw segments, in order (with replacement).
    public private(set) var segmentSlots: [Int] = []
    private var permutation: [Int] = Array(0..<TraceLayout.labelPairs)

    public init() {}

    public mutating func sample(librarySize: Int, rng: inout RNG) {
        // A library with fewer than 25 systems caps N at its size (only tiny test libraries).
        let n = min(TracePlan.zipf.sample(&rng), librarySize)
        maxSystems = n
        systems.removeAll(keepingCapacity: true)
        // Distinct systems by rejection: N <= 25 out of K >> N, so clashes are rare and this
        // avoids an O(K) pool per trace.
        while systems.count < n {
            let s = rng.int(below: librarySize)
            if !systems.contains(s) { systems.append(s) }
        }
        labelPairs.removeAll(keepingCapacity: true)
        // Reset so that a trace's labels depend only on its own generator, not on which traces
        // this plan served before (thread-count independence).
        for i in 0..<TraceLayout.labelPairs { permutation[i] = i }
        for i in 0..<n {
            let j = i + rng.int(below: TraceLayout.labelPairs - i)
            permutation.swapAt(i, j)
            labelPairs.append(permutation[i])
        }
        let cutCount = Poisson.sample(2 * Double(n), &rng)
        cuts.removeAll(keepingCapacity: true)
        for _ in 0..<cutCount { cuts.append(1 + rng.int(below: TraceLayout.lastCutPosition)) }
        cuts.sort()
        segmentSlots.removeAll(keepingCapacity: true)
        for _ in 0...cutCount { segmentSlots.append(rng.int(below: n)) }
    }

    /// Start of raw segment s (s in 0...C): 1 for the first, else the s-th sorted cut; s = C+1
    /// gives 251, the virtual cut at the end of the window.
    @inline(__always)
    public func boundary(_ s: Int) -> Int {
        if s == 0 { return 1 }
        if s > cuts.count { return TraceLayout.tokens }
        return cuts[s - 1]
    }

    /// Length of raw segment s: 0 coincident cuts (dropped), 1 close label only, 2 open+close.
    @inline(__always)
    public func segmentLength(_ s: Int) -> Int { boundary(s + 1) - boundary(s) }
}
