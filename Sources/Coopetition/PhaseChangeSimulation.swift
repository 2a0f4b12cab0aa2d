import Linalg

/// One run of the three-vector model: loss and both progress measures per recorded iteration.
public struct PhaseChangeRun: Sendable {
    public static let columns = ["iteration", "loss", "cosine_distance", "loss_bc_target"]

    public let clamp: ClampMode
    public let seed: Int
    /// Row-major [rows, columns.count], before step `iteration`, every `recordEvery` steps and
    /// after the last step.
    public let table: [Double]
    public let final: TripleVectors
    public let target: TripleVectors

    public var rows: Int { table.count / PhaseChangeRun.columns.count }

    /// The first recorded iteration whose loss is below 10% of the initial loss; nil if none.
    /// (How long the plateau lasts: the figure's one-number summary per clamp mode.)
    public var iterationToTenthOfInitialLoss: Int? {
        let n = PhaseChangeRun.columns.count
        guard rows > 0 else { return nil }
        let initial = table[1]
        return (0..<rows).first { table[$0 * n + 1] < 0.1 * initial }.map { Int(table[$0 * n]) }
    }
}

public enum PhaseChangeSimulation {
    /// Targets and initial vectors, all N(0, 1), from independent streams of `seed`; the
    /// clamp does not change the draws, so the three clamp modes start from the same point.
    public static func draw(dim: Int, seed: Int) -> (target: TripleVectors, initial: TripleVectors) {
        let root = RNG(seed: UInt64(bitPattern: Int64(seed)))
        var targetRNG = root.derive("phase.target")
        var initRNG = root.derive("phase.init")
        return (TripleVectors.gaussian(dim: dim, &targetRNG), TripleVectors.gaussian(dim: dim, &initRNG))
    }

    public static func run(dim: Int = 20, seed: Int, iterations: Int, learningRate: Double = 1,
                           clamp mode: ClampMode, recordEvery: Int = 1) -> PhaseChangeRun {
        precondition(dim > 0 && iterations >= 0 && recordEvery >= 1)
        let (target, initial) = draw(dim: dim, seed: seed)
        let model = PhaseChangeModel(target: target)
        var p = initial
        model.clamp(&p, mode)
        var table: [Double] = []
        table.reserveCapacity((iterations / recordEvery + 2) * PhaseChangeRun.columns.count)
        // The progress measures are read before each step, from the same a the loss sees.
        func record(_ t: Int, _ loss: Double, _ measures: (Double, Double)) {
            table.append(Double(t)); table.append(loss); table.append(measures.0); table.append(measures.1)
        }
        func measures(_ a: [Double]) -> (Double, Double) { (model.cosineDistance(a), model.lossWithTargetsForBC(a)) }
        for t in 0..<iterations {
            let recorded = t % recordEvery == 0
            let before = recorded ? measures(p.a) : (0, 0)
            let loss = model.step(&p, learningRate: learningRate, clamp: mode)
            if recorded { record(t, loss, before) }
        }
        record(iterations, model.loss(at: p), measures(p.a))
        return PhaseChangeRun(clamp: mode, seed: seed, table: table, final: p, target: target)
    }
}
