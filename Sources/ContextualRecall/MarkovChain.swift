import Linalg

/// A first-order Markov chain over the G grammar tokens (spec B.2): a row-stochastic G x G
/// matrix with a uniform first token, sampled through per-row cumulative tables.
public struct MarkovChain: Equatable, Sendable {
    public let states: Int
    /// Row-major transition probabilities, `[from * states + to]`.
    public let transitions: [Double]
    private let cumulative: [Double]

    public init(states: Int, transitions: [Double]) {
        precondition(transitions.count == states * states, "chain needs \(states * states) probabilities")
        self.states = states
        self.transitions = transitions
        var table = transitions
        for row in 0..<states {
            var running = 0.0
            for k in 0..<states { running += transitions[row * states + k]; table[row * states + k] = running }
            table[row * states + states - 1] = 1   // rounding must not leave u above the last bin
        }
        cumulative = table
    }

    /// Every row drawn independently from the symmetric Dirichlet(alpha).
    public static func dirichlet(states: Int, alpha: Double, _ rng: inout RNG) -> MarkovChain {
        var p = [Double](repeating: 0, count: states * states)
        p.withUnsafeMutableBufferPointer { all in
            for row in 0..<states {
                Dirichlet.sampleSymmetric(alpha: alpha, into: UnsafeMutableBufferPointer(rebasing: all[(row * states)..<((row + 1) * states)]), &rng)
            }
        }
        return MarkovChain(states: states, transitions: p)
    }

    /// Writes `count` states (first uniform, then by transitions) through `emit`.
    @inline(__always)
    public func walk(_ count: Int, _ rng: inout RNG, _ emit: (Int) -> Void) {
        guard count > 0 else { return }
        var state = rng.int(below: states)
        emit(state)
        for _ in 1..<count {
            let u = rng.uniform(), base = state * states
            var lo = 0, hi = states - 1
            while lo < hi {
                let mid = (lo + hi) >> 1
                if u < cumulative[base + mid] { hi = mid } else { lo = mid + 1 }
            }
            state = lo
            emit(state)
        }
    }
}

/// The three matrix l1 norms of `TM_a - TM_b` that spec B.2 compares; Div uses `rowMean`.
public struct ChainDistance: Equatable, Sendable {
    /// (1/G) sum over rows of the row's l1 norm, in [0, 2].
    public var rowMean: Double
    /// Sum of |entries|.
    public var entrywise: Double
    /// Induced 1-norm: the largest column l1 norm.
    public var induced: Double

    public init(rowMean: Double, entrywise: Double, induced: Double) {
        self.rowMean = rowMean; self.entrywise = entrywise; self.induced = induced
    }

    public init(_ a: MarkovChain, _ b: MarkovChain) {
        let g = a.states
        var total = 0.0
        var columns = [Double](repeating: 0, count: g)
        for r in 0..<g {
            for c in 0..<g {
                let d = abs(a.transitions[r * g + c] - b.transitions[r * g + c])
                total += d
                columns[c] += d
            }
        }
        rowMean = total / Double(g)
        entrywise = total
        induced = columns.max() ?? 0
    }
}
