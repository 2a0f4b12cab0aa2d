import Linalg

/// Which vectors of the three-vector model are clamped to their targets (thesis §4.4.2,
/// Fig 4.6a: none black, c blue, b and c purple).
public enum ClampMode: String, CaseIterable, Sendable {
    case none, c, bc
}

/// Three factor vectors a, b, c (or their targets a*, b*, c*).
public struct TripleVectors: Equatable, Sendable {
    public var a: [Double]
    public var b: [Double]
    public var c: [Double]

    public init(a: [Double], b: [Double], c: [Double]) {
        self.a = a
        self.b = b
        self.c = c
    }

    public static func gaussian(dim: Int, _ rng: inout RNG) -> TripleVectors {
        let a = gaussianVector(dim, &rng)
        let b = gaussianVector(dim, &rng)
        let c = gaussianVector(dim, &rng)
        return TripleVectors(a: a, b: b, c: c)
    }
}

/// The thesis' phase-change model L = ½·mean(a*⊗b*⊗c* − a⊗b⊗c)² (spec §4.1) and its two
/// progress measures for a (Fig 4.7).
public struct PhaseChangeModel: Sendable {
    public let target: TripleVectors

    public init(target: TripleVectors) { self.target = target }

    public func loss(at p: TripleVectors) -> Double { product(at: p).loss }

    public func gradient(at p: TripleVectors) -> TripleVectors {
        let t = product(at: p)
        return TripleVectors(a: t.firstFactorGradient.vector(p.a, target: target.a),
                             b: t.secondFactorGradient.vector(p.b, target: target.b),
                             c: t.thirdFactorGradient.vector(p.c, target: target.c))
    }

    /// Overwrites the clamped vectors with their targets (at initialisation and after every step).
    public func clamp(_ p: inout TripleVectors, _ mode: ClampMode) {
        switch mode {
        case .none: break
        case .c: p.c = target.c
        case .bc: p.b = target.b; p.c = target.c
        }
    }

    /// One gradient step on the unclamped vectors, then the clamp; returns the loss before it.
    @discardableResult
    public func step(_ p: inout TripleVectors, learningRate lr: Double, clamp mode: ClampMode) -> Double {
        let t = product(at: p)
        t.firstFactorGradient.descend(&p.a, target: target.a, learningRate: lr)
        if mode != .bc { t.secondFactorGradient.descend(&p.b, target: target.b, learningRate: lr) }
        if mode == .none { t.thirdFactorGradient.descend(&p.c, target: target.c, learningRate: lr) }
        clamp(&p, mode)
        return t.loss
    }

    /// Progress measure 1: 1 − cos²(a, a*), blind to the sign (and scale) of a.
    public func cosineDistance(_ a: [Double]) -> Double {
        let overlap = dot(a, target.a)
        let norms = dot(a, a) * dot(target.a, target.a)
        return norms > 0 ? 1 - overlap * overlap / norms : 1
    }

    /// Progress measure 2: the loss at (a, ±b*, ±c*) with the lower-loss sign choice (thesis
    /// fn 18). Only the product of the signs matters, and it is best equal to sign(a*·a).
    public func lossWithTargetsForBC(_ a: [Double]) -> Double {
        let bc = dot(target.b, target.b) * dot(target.c, target.c)
        let count = Double(a.count * target.b.count * target.c.count)
        let aa = dot(a, a), overlap = abs(dot(a, target.a)), targetAA = dot(target.a, target.a)
        return bc * (targetAA - 2 * overlap + aa) / (2 * count)
    }

    private func product(at p: TripleVectors) -> TripleProduct {
        TripleProduct(norms: (dot(p.a, p.a), dot(p.b, p.b), dot(p.c, p.c)),
                      overlaps: (dot(target.a, p.a), dot(target.b, p.b), dot(target.c, p.c)),
                      targetNorms: (dot(target.a, target.a), dot(target.b, target.b), dot(target.c, target.c)),
                      count: Double(p.a.count * p.b.count * p.c.count))
    }
}
