import Linalg

/// One gradient-descent run of the coopetition model: the recorded loss table and the
/// full-resolution mechanism losses the analysis reads.
public struct CoopetitionRun: Sendable {
    public static let columns = ["iteration", "total", "mech1", "mech2", "competition"]

    public let settings: CoopetitionSettings
    public let seed: Int
    /// Row-major [rows, columns.count]: the loss before step `iteration`, every `recordEvery`
    /// steps and after the last step.
    public let table: [Double]
    /// L₁ and L₂ before every step and after the last one (iterations + 1 values).
    public let mech1Trace: [Double]
    public let mech2Trace: [Double]
    /// L₁ at a = 0, the level a faded mechanism 1 returns to.
    public let mech1AtZero: Double
    public let final: CoopetitionVectors
    public let target: CoopetitionVectors

    public var rows: Int { table.count / CoopetitionRun.columns.count }

    /// A one-row table of the settings and verdicts, so figure scripts can add μ₁ to the
    /// mechanism-1 curve, mark the divot's peak (divot_mech2 is L₂ there; 0 without a divot)
    /// and name the seed.
    public static let summaryColumns = ["seed", "mu1", "mu2", "alpha", "transient", "min_iteration", "min_mech1",
                                        "divot", "divot_iteration", "divot_mech2"]
    public var summaryRow: [Double] {
        let a = analysis
        return [Double(seed), settings.mu1, settings.mu2, settings.alpha, a.transient ? 1 : 0, Double(a.minIteration),
                a.minMech1, a.divot, Double(a.divotIteration), a.divotIteration >= 0 ? mech2Trace[a.divotIteration] : 0]
    }
    public var analysis: CoopetitionAnalysis {
        CoopetitionAnalysis(mech1: mech1Trace, mech2: mech2Trace, mech1AtZero: mech1AtZero)
    }
}

public enum CoopetitionSimulation {
    /// Targets and initial vectors, all N(0, 1), from independent streams of `seed`.
    public static func draw(_ settings: CoopetitionSettings, seed: Int) -> (target: CoopetitionVectors, initial: CoopetitionVectors) {
        let root = RNG(seed: UInt64(bitPattern: Int64(seed)))
        var targetRNG = root.derive("coop.target")
        var initRNG = root.derive("coop.init")
        return (CoopetitionVectors.gaussian(settings, &targetRNG), CoopetitionVectors.gaussian(settings, &initRNG))
    }

    /// Full-batch gradient descent for `iterations` steps at learning rate `learningRate`.
    public static func run(_ settings: CoopetitionSettings, seed: Int, iterations: Int,
                           learningRate: Double = 1, recordEvery: Int = 1) -> CoopetitionRun {
        precondition(iterations >= 0 && recordEvery >= 1)
        let (target, initial) = draw(settings, seed: seed)
        let model = CoopetitionModel(settings: settings, target: target)
        var p = initial
        var table: [Double] = []
        table.reserveCapacity((iterations / recordEvery + 2) * CoopetitionRun.columns.count)
        var mech1 = [Double](repeating: 0, count: iterations + 1)
        var mech2 = [Double](repeating: 0, count: iterations + 1)
        func record(_ t: Int, _ l: CoopetitionLoss) {
            mech1[t] = l.mech1
            mech2[t] = l.mech2
            if t % recordEvery == 0 || t == iterations {
                table.append(Double(t)); table.append(l.total); table.append(l.mech1)
                table.append(l.mech2); table.append(l.competition)
            }
        }
        for t in 0..<iterations { record(t, model.step(&p, learningRate: learningRate)) }
        record(iterations, model.loss(at: p))
        return CoopetitionRun(settings: settings, seed: seed, table: table, mech1Trace: mech1, mech2Trace: mech2,
                              mech1AtZero: model.mech1AtZero, final: p, target: target)
    }
}
