import Linalg

/// The optimal least-squares predictor of eq. 5 (App. B.1) for one system, updated one
/// observation at a time: Û = [x_1..x_i][x_0..x_{i-1}]^† = A G^† with A = Σ x_{j+1} x_j^T and
/// G = Σ x_j x_j^T, because X^† = X^T (X X^T)^†. G^† is taken on G's range, so fewer than five
/// pairs (and the identity family's rank-one data) are handled without special cases.
public struct PseudoinverseEstimator {
    static let d = TraceLayout.stateDimension
    private var gram = [Double](repeating: 0, count: d * d)
    private var cross = [Double](repeating: 0, count: d * d)
    private var last = [Double](repeating: 0, count: d)
    private var pinv = [Double](repeating: 0, count: d * d)
    private var scratch = [Double](repeating: 0, count: 2 * d * d + d)
    private var estimate = [Double](repeating: 0, count: d * d)
    public private(set) var observations = 0

    public init() {}

    public mutating func reset() {
        for i in 0..<(Self.d * Self.d) { gram[i] = 0; cross[i] = 0 }
        observations = 0
    }

    public mutating func observe(_ x: UnsafePointer<Float>) {
        let d = Self.d
        if observations > 0 {
            for i in 0..<d {
                for j in 0..<d {
                    gram[i * d + j] += last[i] * last[j]
                    cross[i * d + j] += Double(x[i]) * last[j]
                }
            }
        }
        for i in 0..<d { last[i] = Double(x[i]) }
        observations += 1
    }

    /// x̂ = Û x_last; zero with fewer than two observations (no pair to fit: Û = 0, spec A.7).
    public mutating func predict(into out: UnsafeMutablePointer<Double>) {
        let d = Self.d
        guard observations >= 2 else { for k in 0..<d { out[k] = 0 }; return }
        SmallMatrix.symmetricPseudoinverse(gram, n: d, into: &pinv, scratch: &scratch)
        SmallMatrix.multiply(cross, pinv, into: &estimate, m: d, k: d, n: d)
        SmallMatrix.apply(estimate, last, into: out, rows: d, columns: d)
    }
}

/// Eq. 5 applied to every position of an encoded trace of any length (training, backstoried or
/// needle traces). Systems are told apart by their label pairs, read from the 57-dim inputs:
/// at position t the current pair is the one whose open label came last (before any close),
/// and its observations are all payloads of that pair in tokens 0...t, across segments.
/// Keep one per thread and reuse it: its per-pair estimators are reset, not reallocated.
public struct PseudoinversePredictor {
    private var estimators = [PseudoinverseEstimator](repeating: PseudoinverseEstimator(), count: TraceLayout.labelPairs)
    private var guess = [Double](repeating: 0, count: TraceLayout.stateDimension)

    public init() {}

    /// For positions t in 0..<tokens-1: `predictions` [tokens-1, 5], `squaredErrors`
    /// [tokens-1] = ‖x̂ - x_{t+1}‖² (sum over dims), `hasTarget` [tokens-1] = token t+1 is a
    /// payload. Predictions and errors are 0 where there is no payload target.
    public mutating func run(inputs: UnsafePointer<Float>, tokens: Int,
                           predictions: UnsafeMutablePointer<Float>,
                           squaredErrors: UnsafeMutablePointer<Float>,
                           hasTarget: UnsafeMutablePointer<Bool>) {
        let dims = TraceLayout.inputDimension, d = TraceLayout.stateDimension
        for pair in 0..<TraceLayout.labelPairs { estimators[pair].reset() }
        var current = -1
        for t in 0..<tokens {
            let row = inputs + t * dims
            if row[TraceLayout.flagDim] != 0 {
                if current >= 0 { estimators[current].observe(row + TraceLayout.payloadDim) }
            } else if row[TraceLayout.startDim] != 0 {
                current = -1
            } else {
                for pair in 0..<TraceLayout.labelPairs {
                    if row[TraceLayout.openDim(pair)] != 0 { current = pair; break }
                    if row[TraceLayout.closeDim(pair)] != 0 { current = -1; break }
                }
            }
            guard t + 1 < tokens else { break }
            let next = inputs + (t + 1) * dims
            let target = next[TraceLayout.flagDim] != 0
            hasTarget[t] = target
            if target && current >= 0 {
                estimators[current].predict(into: &guess)
            } else {
                for k in 0..<d { guess[k] = 0 }
            }
            var error = 0.0
            for k in 0..<d {
                predictions[t * d + k] = target ? Float(guess[k]) : 0
                let diff = guess[k] - Double(next[TraceLayout.payloadDim + k])
                error += diff * diff
            }
            squaredErrors[t] = target ? Float(error) : 0
        }
    }
}
