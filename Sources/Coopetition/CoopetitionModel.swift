import Linalg

/// Sizes and weights of the strategy-coopetition loss (paper 003 eqs 1-3, spec §4.2):
/// L = (L₁ + μ₁)(L₂ + μ₂) + α·L_c with
/// L₁ = ½·mean(a*⊗b*⊗c* − a⊗b⊗c)², L₂ = ½·mean(d*⊗b*⊗c* − d⊗b⊗c)², L_c = ½·mean(a⊗d)².
public struct CoopetitionSettings: Equatable, Sendable {
    public var dimABC: Int
    public var dimD: Int
    public var mu1: Double
    public var mu2: Double
    public var alpha: Double

    /// The paper's setting: dims 20/160, μ₁ = α = 0.1, μ₂ = 0.
    public init(dimABC: Int = 20, dimD: Int = 160, mu1: Double = 0.1, mu2: Double = 0, alpha: Double = 0.1) {
        self.dimABC = dimABC
        self.dimD = dimD
        self.mu1 = mu1
        self.mu2 = mu2
        self.alpha = alpha
    }
}

/// The four factor vectors: a (mechanism 1's "ICL layer 1"), b and c (shared "layer 2"),
/// d (mechanism 2's "CIWL layer 1").
public struct CoopetitionVectors: Equatable, Sendable {
    public var a: [Double]
    public var b: [Double]
    public var c: [Double]
    public var d: [Double]

    public init(a: [Double], b: [Double], c: [Double], d: [Double]) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// Every element N(0, 1) (paper 003 App. D).
    public static func gaussian(_ settings: CoopetitionSettings, _ rng: inout RNG) -> CoopetitionVectors {
        let a = gaussianVector(settings.dimABC, &rng)
        let b = gaussianVector(settings.dimABC, &rng)
        let c = gaussianVector(settings.dimABC, &rng)
        let d = gaussianVector(settings.dimD, &rng)
        return CoopetitionVectors(a: a, b: b, c: c, d: d)
    }
}

/// The loss terms at one point. `competition` is α·L_c, the term as it enters the total, so
/// that total = (mech1 + μ₁)(mech2 + μ₂) + competition.
public struct CoopetitionLoss: Equatable, Sendable {
    public var total: Double
    public var mech1: Double
    public var mech2: Double
    public var competition: Double
}

/// The coopetition loss for fixed targets, with analytic rank-1 gradients.
public struct CoopetitionModel: Sendable {
    public let settings: CoopetitionSettings
    public let target: CoopetitionVectors

    public init(settings: CoopetitionSettings, target: CoopetitionVectors) {
        self.settings = settings
        self.target = target
    }

    /// L₁ when a = 0: ½·mean((a*⊗b*⊗c*)²). Mechanism 1 "has faded" when L₁ returns near it.
    public var mech1AtZero: Double { terms(at: target).mechanism1.lossAtZeroFirstFactor }

    public func loss(at p: CoopetitionVectors) -> CoopetitionLoss { terms(at: p).loss }

    /// ∂L/∂(a, b, c, d) at p.
    public func gradient(at p: CoopetitionVectors) -> CoopetitionVectors {
        let g = terms(at: p).gradients
        return CoopetitionVectors(a: g.a.vector(p.a, target: target.a), b: g.b.vector(p.b, target: target.b),
                                  c: g.c.vector(p.c, target: target.c), d: g.d.vector(p.d, target: target.d))
    }

    /// One full-batch gradient-descent step in place; returns the loss before the step.
    @discardableResult
    public func step(_ p: inout CoopetitionVectors, learningRate lr: Double) -> CoopetitionLoss {
        let t = terms(at: p)
        let g = t.gradients
        g.a.descend(&p.a, target: target.a, learningRate: lr)
        g.b.descend(&p.b, target: target.b, learningRate: lr)
        g.c.descend(&p.c, target: target.c, learningRate: lr)
        g.d.descend(&p.d, target: target.d, learningRate: lr)
        return t.loss
    }

    private func terms(at p: CoopetitionVectors) -> Terms {
        let aa = dot(p.a, p.a), bb = dot(p.b, p.b), cc = dot(p.c, p.c), dd = dot(p.d, p.d)
        let bOverlap = dot(target.b, p.b), cOverlap = dot(target.c, p.c)
        let nABC = Double(settings.dimABC), nD = Double(settings.dimD)
        let m1 = TripleProduct(norms: (aa, bb, cc), overlaps: (dot(target.a, p.a), bOverlap, cOverlap),
                               targetNorms: (dot(target.a, target.a), dot(target.b, target.b), dot(target.c, target.c)),
                               count: nABC * nABC * nABC)
        let m2 = TripleProduct(norms: (dd, bb, cc), overlaps: (dot(target.d, p.d), bOverlap, cOverlap),
                               targetNorms: (dot(target.d, target.d), m1.targetNorms.1, m1.targetNorms.2),
                               count: nD * nABC * nABC)
        return Terms(settings: settings, mechanism1: m1, mechanism2: m2, competitionScale: 1 / (nABC * nD))
    }

    private struct Terms {
        let settings: CoopetitionSettings
        let mechanism1: TripleProduct
        let mechanism2: TripleProduct
        /// L_c = ½·|a|²|d|²·competitionScale.
        let competitionScale: Double

        var loss: CoopetitionLoss {
            let l1 = mechanism1.loss, l2 = mechanism2.loss
            let competition = settings.alpha * 0.5 * mechanism1.norms.0 * mechanism2.norms.0 * competitionScale
            return CoopetitionLoss(total: (l1 + settings.mu1) * (l2 + settings.mu2) + competition,
                                   mech1: l1, mech2: l2, competition: competition)
        }

        var gradients: (a: RankOneGradient, b: RankOneGradient, c: RankOneGradient, d: RankOneGradient) {
            let weight1 = mechanism2.loss + settings.mu2   // ∂L/∂L₁
            let weight2 = mechanism1.loss + settings.mu1   // ∂L/∂L₂
            let aa = mechanism1.norms.0, dd = mechanism2.norms.0
            let competitionOnA = RankOneGradient(onSelf: settings.alpha * dd * competitionScale, onTarget: 0)
            let competitionOnD = RankOneGradient(onSelf: settings.alpha * aa * competitionScale, onTarget: 0)
            return (a: weight1 * mechanism1.firstFactorGradient + competitionOnA,
                    b: weight1 * mechanism1.secondFactorGradient + weight2 * mechanism2.secondFactorGradient,
                    c: weight1 * mechanism1.thirdFactorGradient + weight2 * mechanism2.thirdFactorGradient,
                    d: weight2 * mechanism2.firstFactorGradient + competitionOnD)
        }
    }
}
