import Linalg

/// The mean-normalised rank-1 tensor loss ½·mean_{ijk}(x*_i y*_j z*_k − x_i y_j z_k)², computed
/// from inner products only so that the x⊗y⊗z tensor is never formed (thesis §4.4.2, paper 003
/// App. D; the mean instead of the sum follows the spec §4.1/§4.2).
///
/// Expanding the square: L = (1/2N)[|x*|²|y*|²|z*|² − 2(x*·x)(y*·y)(z*·z) + |x|²|y|²|z|²],
/// N = dim x · dim y · dim z. The gradient with respect to each factor has the form
/// onSelf·v − onTarget·v*, which is all the gradient descent loops need.
struct TripleProduct {
    /// |v|² of the three factors.
    let norms: (Double, Double, Double)
    /// v*·v of the three factors.
    let overlaps: (Double, Double, Double)
    /// |v*|² of the three factors.
    let targetNorms: (Double, Double, Double)
    /// Number of tensor entries the mean runs over.
    let count: Double

    var loss: Double {
        let targetEnergy = targetNorms.0 * targetNorms.1 * targetNorms.2
        let cross = overlaps.0 * overlaps.1 * overlaps.2
        let energy = norms.0 * norms.1 * norms.2
        // The expansion can round a few ulps below zero at the optimum; the loss is a square.
        return max(0, (targetEnergy - 2 * cross + energy) / (2 * count))
    }

    /// The loss when the first factor is zero: ½·mean((x*⊗y*⊗z*)²), whatever y and z are.
    var lossAtZeroFirstFactor: Double { targetNorms.0 * targetNorms.1 * targetNorms.2 / (2 * count) }

    /// ∂L/∂x = onSelf·x − onTarget·x* for the first factor.
    var firstFactorGradient: RankOneGradient {
        RankOneGradient(onSelf: norms.1 * norms.2 / count, onTarget: overlaps.1 * overlaps.2 / count)
    }
    var secondFactorGradient: RankOneGradient {
        RankOneGradient(onSelf: norms.0 * norms.2 / count, onTarget: overlaps.0 * overlaps.2 / count)
    }
    var thirdFactorGradient: RankOneGradient {
        RankOneGradient(onSelf: norms.0 * norms.1 / count, onTarget: overlaps.0 * overlaps.1 / count)
    }
}

/// A gradient of the form onSelf·v − onTarget·v*: what every factor of these models gets.
struct RankOneGradient {
    var onSelf: Double
    var onTarget: Double

    static func + (l: RankOneGradient, r: RankOneGradient) -> RankOneGradient {
        RankOneGradient(onSelf: l.onSelf + r.onSelf, onTarget: l.onTarget + r.onTarget)
    }
    static func * (s: Double, g: RankOneGradient) -> RankOneGradient {
        RankOneGradient(onSelf: s * g.onSelf, onTarget: s * g.onTarget)
    }

    /// The full gradient vector (tests and finite-difference checks; the loops use `descend`).
    func vector(_ v: [Double], target: [Double]) -> [Double] {
        zip(v, target).map { onSelf * $0 - onTarget * $1 }
    }

    /// v ← v − lr·(onSelf·v − onTarget·v*), in place.
    func descend(_ v: inout [Double], target: [Double], learningRate lr: Double) {
        let keep = 1 - lr * onSelf
        let pull = lr * onTarget
        v.withUnsafeMutableBufferPointer { vp in
            target.withUnsafeBufferPointer { tp in
                for i in 0..<vp.count { vp[i] = keep * vp[i] + pull * tp[i] }
            }
        }
    }
}

/// x·y over two equally long vectors.
@inline(__always)
func dot(_ x: [Double], _ y: [Double]) -> Double {
    x.withUnsafeBufferPointer { xp in
        y.withUnsafeBufferPointer { yp in
            var s = 0.0
            for i in 0..<xp.count { s += xp[i] * yp[i] }
            return s
        }
    }
}

/// A vector of `count` independent N(0, 1) draws.
func gaussianVector(_ count: Int, _ rng: inout Linalg.RNG) -> [Double] {
    (0..<count).map { _ in rng.gaussian() }
}
