import Linalg

/// The pseudoinverse reference values of a fresh system (the dotted lines of paper 000).
public enum PseudoinverseBaseline {
    /// Quartiles (q25, q50, q75) of the squared error at indices 1...maxIndex of a fresh system
    /// (index k predicts x_{k-1} from x_0..x_{k-2}), over `systems` Haar systems with
    /// x_0 ~ N(0, I/5): the dotted reference lines of paper 000 (spec A.7).
    public static func freshSystemQuartiles(systems: Int, maxIndex: Int = 7, family: SystemFamily = .orthogonal,
                                            rng: RNG) -> [(q25: Double, q50: Double, q75: Double)] {
        let errors = freshSystemErrors(systems: systems, maxIndex: maxIndex, family: family, rng: rng)
        return errors.map { column in
            let sorted = column.sorted()
            return (quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75))
        }
    }

    /// errors[k-1][m]: squared error at index k for Monte-Carlo system m.
    public static func freshSystemErrors(systems: Int, maxIndex: Int, family: SystemFamily, rng: RNG) -> [[Double]] {
        let library = SystemLibrary.generate(family: family, systemCount: systems, initialStates: 1,
                                             length: maxIndex, rng: rng.derive("pinv-fresh"))
        let d = TraceLayout.stateDimension
        var errors = [[Double]](repeating: [Double](repeating: 0, count: systems), count: maxIndex)
        var estimator = PseudoinverseEstimator()
        var guess = [Double](repeating: 0, count: d)
        library.states.withUnsafeBufferPointer { states in
            for m in 0..<systems {
                estimator.reset()
                for index in 1...maxIndex {
                    let target = states.baseAddress! + library.stateOffset(system: m, step: index - 1)
                    estimator.predict(into: &guess)
                    var e = 0.0
                    for k in 0..<d { let diff = guess[k] - Double(target[k]); e += diff * diff }
                    errors[index - 1][m] = e
                    estimator.observe(target)
                }
            }
        }
        return errors
    }

    /// Linear-interpolated quantile of sorted values (numpy's default).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of no values")
        let h = p * Double(sorted.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
