import XCTest
import Linalg
@testable import Coopetition

final class CoopetitionModelTests: XCTestCase {
    /// Small dims keep the finite differences cheap; the algebra does not depend on them.
    let settings = CoopetitionSettings(dimABC: 5, dimD: 9, mu1: 0.1, mu2: 0.05, alpha: 0.3)

    func testAnalyticGradientMatchesCentralDifferences() {
        let (target, p) = CoopetitionSimulation.draw(settings, seed: 4)
        let model = CoopetitionModel(settings: settings, target: target)
        let g = model.gradient(at: p)
        func total(_ q: CoopetitionVectors) -> Double { model.loss(at: q).total }
        let fa = centralDifference(p.a) { var q = p; q.a = $0; return total(q) }
        let fb = centralDifference(p.b) { var q = p; q.b = $0; return total(q) }
        let fc = centralDifference(p.c) { var q = p; q.c = $0; return total(q) }
        let fd = centralDifference(p.d) { var q = p; q.d = $0; return total(q) }
        XCTAssertLessThan(relativeError(g.a, fa), 1e-7)
        XCTAssertLessThan(relativeError(g.b, fb), 1e-7)
        XCTAssertLessThan(relativeError(g.c, fc), 1e-7)
        XCTAssertLessThan(relativeError(g.d, fd), 1e-7)
    }

    func testTotalIsTheProductOfOffsetMechanismLossesPlusCompetition() {
        let (target, p) = CoopetitionSimulation.draw(settings, seed: 5)
        let l = CoopetitionModel(settings: settings, target: target).loss(at: p)
        XCTAssertEqual(l.total, (l.mech1 + settings.mu1) * (l.mech2 + settings.mu2) + l.competition, accuracy: 1e-12)
        let expectedCompetition = settings.alpha * 0.5 * dot(p.a, p.a) * dot(p.d, p.d) / Double(settings.dimABC * settings.dimD)
        XCTAssertEqual(l.competition, expectedCompetition, accuracy: 1e-12)
    }

    /// Paper 003 §6: for α, μ₁ > 0 (and μ₂ = 0) the loss is minimised at a = 0, b = b*, c = c*, d = d*.
    func testMinimiserIsZeroAWithTargetsElsewhere() {
        let paper = CoopetitionSettings()
        let (target, _) = CoopetitionSimulation.draw(paper, seed: 2)
        let model = CoopetitionModel(settings: paper, target: target)
        var optimum = target
        optimum.a = [Double](repeating: 0, count: paper.dimABC)
        let g = model.gradient(at: optimum)
        let largest = (g.a + g.b + g.c + g.d).map(abs).max()!
        XCTAssertLessThan(largest, 1e-12)
        let best = model.loss(at: optimum).total
        XCTAssertEqual(best, 0, accuracy: 1e-12)
        var rng = RNG(seed: 99)
        for trial in 0..<20 {
            let scale = trial < 10 ? 1e-3 : 0.3
            var q = optimum
            q.a = q.a.map { $0 + scale * rng.gaussian() }
            q.b = q.b.map { $0 + scale * rng.gaussian() }
            q.c = q.c.map { $0 + scale * rng.gaussian() }
            q.d = q.d.map { $0 + scale * rng.gaussian() }
            XCTAssertGreaterThan(model.loss(at: q).total, best)
        }
    }

    /// Seed 7 (measured): with μ₁ = 0.1, L₁ falls to 4.8e-3 near iteration 1.9k and returns to its
    /// a = 0 level; with μ₁ = 0 the same draws learn mechanism 1 and keep it.
    func testMechanismOneIsTransientOnlyWithAnOffset() {
        let transient = CoopetitionSimulation.run(CoopetitionSettings(mu1: 0.1), seed: 7, iterations: 16000, recordEvery: 100)
        let a = transient.analysis
        XCTAssertTrue(a.learned)
        XCTAssertTrue(a.transient)
        XCTAssertLessThan(a.minMech1, 1e-2)
        XCTAssertGreaterThan(transient.mech1Trace.last!, 0.8 * transient.mech1AtZero)
        XCTAssertLessThan(transient.mech2Trace.last!, 1e-3)

        let persistent = CoopetitionSimulation.run(CoopetitionSettings(mu1: 0), seed: 7, iterations: 16000, recordEvery: 100)
        let firstLearned = persistent.mech1Trace.firstIndex { $0 < 1e-2 }
        XCTAssertNotNil(firstLearned)
        XCTAssertTrue(persistent.mech1Trace[firstLearned!...].allSatisfy { $0 < 1e-2 })
        XCTAssertFalse(persistent.analysis.transient)
        XCTAssertGreaterThan(persistent.mech2Trace.last!, persistent.mech2Trace[firstLearned!])
    }

    func testRecordedTableSamplesEveryKthIterationAndTheLast() {
        let run = CoopetitionSimulation.run(settings, seed: 1, iterations: 25, recordEvery: 10)
        let iterations = (0..<run.rows).map { run.table[$0 * CoopetitionRun.columns.count] }
        XCTAssertEqual(iterations, [0, 10, 20, 25])
        XCTAssertEqual(run.table[2 * 5 + 2], run.mech1Trace[20])
        XCTAssertEqual(run.mech1Trace.count, 26)
    }

    func testSameSeedSameRun() {
        let x = CoopetitionSimulation.run(settings, seed: 3, iterations: 50)
        let y = CoopetitionSimulation.run(settings, seed: 3, iterations: 50)
        XCTAssertEqual(x.table, y.table)
        XCTAssertNotEqual(x.table, CoopetitionSimulation.run(settings, seed: 4, iterations: 50).table)
    }
}

final class CoopSummaryTests: XCTestCase {
    func testOneLinePerSeedInSeedOrderAndACount() {
        let runs = [3, 1].map { CoopetitionSimulation.run(CoopetitionSettings(dimABC: 4, dimD: 8), seed: $0, iterations: 200) }
        let report = CoopSummary.report(runs: runs)
        let lines = report.lines
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[1].hasPrefix("   1  "))
        XCTAssertTrue(lines[2].hasPrefix("   3  "))
        let fields = lines[2].split(separator: " ")
        XCTAssertEqual(fields[1], runs[0].analysis.transient ? "yes" : "no")
        XCTAssertEqual(Int(fields[2]), runs[0].analysis.minIteration)
        XCTAssertTrue(lines[3].hasPrefix("transient in "))
        XCTAssertEqual(report.value(at: "seeds.3.transient"), .bool(runs[0].analysis.transient))
        XCTAssertEqual(report.value(at: "seeds.1.min_iteration"), .int(runs[1].analysis.minIteration))
        XCTAssertEqual(report.value(at: "transient_seeds"), .int(runs.filter(\.analysis.transient).count))
        XCTAssertEqual(report.value(at: "seeds_count"), .int(2))
    }
}
