/// What a coopetition run did, read off its full-resolution mechanism losses.
///
/// * Transience (issue 6): the mechanism-1 loss L₁ falls below `learnedBelow` (1e-2) and
///   after its minimum climbs back to within 20% of its value at a = 0, i.e. reaches
///   0.8·½·mean((a*⊗b*⊗c*)²).
/// * Divot (paper 003 §6, "a mild worsening of Mechanism 2" before it is learned): the largest
///   temporary rise of L₂, i.e. the largest L₂(t₂) − L₂(t₁) over t₁ < t₂ where L₂(t₁) is the
///   lowest value so far and L₂ later falls back to or below L₂(t₁). A rise that is never
///   undone (μ₁ = 0: d → 0 and L₂ climbs for good) is not a divot. 0 when L₂ never rises
///   and recovers.
public struct CoopetitionAnalysis: Equatable, Sendable {
    public static let learnedBelow = 1e-2
    public static let returnFraction = 0.8

    public let transient: Bool
    /// Iteration of the minimum of L₁ (the first one, on ties) and that minimum.
    public let minIteration: Int
    public let minMech1: Double
    /// Whether L₁ went below `learnedBelow` at all.
    public let learned: Bool
    public let divot: Double
    /// Iteration of the divot's peak; -1 when there is none.
    public let divotIteration: Int

    public init(mech1: [Double], mech2: [Double], mech1AtZero: Double) {
        var minIndex = 0
        for (t, v) in mech1.enumerated() where v < mech1[minIndex] { minIndex = t }
        minIteration = minIndex
        minMech1 = mech1.isEmpty ? .nan : mech1[minIndex]
        learned = minMech1 < CoopetitionAnalysis.learnedBelow
        let returnLevel = CoopetitionAnalysis.returnFraction * mech1AtZero
        transient = learned && mech1[minIndex...].contains { $0 >= returnLevel }
        (divot, divotIteration) = CoopetitionAnalysis.largestRecoveredRise(mech2)
    }

    /// Scan keeping the running minimum; an excursion above it counts once the series comes
    /// back to or below that minimum.
    static func largestRecoveredRise(_ xs: [Double]) -> (Double, Int) {
        guard var low = xs.first else { return (0, -1) }
        var peak = low, peakAt = 0
        var best = 0.0, bestAt = -1
        for (t, x) in xs.enumerated() {
            if x <= low {
                if peak - low > best { best = peak - low; bestAt = peakAt }
                low = x
                peak = x
                peakAt = t
            } else if x > peak {
                peak = x
                peakAt = t
            }
        }
        return (best, bestAt)
    }
}
