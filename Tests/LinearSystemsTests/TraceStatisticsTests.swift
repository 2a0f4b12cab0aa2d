import XCTest
import Linalg
@testable import LinearSystems

final class TraceStatisticsTests: XCTestCase {
    static let stats = TraceStatistics.collect(traces: 100_000, librarySize: 512, seed: RNG(seed: 31), threads: 2)

    func testSameCountsForAnyThreadCount() {
        let one = TraceStatistics.collect(traces: 25_000, librarySize: 512, seed: RNG(seed: 4), threads: 1, chunkSize: 5000)
        let two = TraceStatistics.collect(traces: 25_000, librarySize: 512, seed: RNG(seed: 4), threads: 2, chunkSize: 5000)
        XCTAssertEqual(one, two)
        XCTAssertEqual(one.traces, 25_000)
    }

    func testSampledMaximumFollowsZipf() {
        let (maxDev, chi) = Self.stats.zipfComparison
        XCTAssertLessThan(chi, 51.2)   // chi-square 24 dof, 0.999 quantile
        XCTAssertLessThan(maxDev, 5 * (0.25 / 100_000).squareRoot())
    }

    func testSpecialCaseSharesPerCutMatchSpec() {
        // Spec A.2 (200k traces): coincident 4.2%, adjacent 7.8%, one-gap 6.9% of cuts.
        let s = Self.stats
        XCTAssertEqual(s.coincidentShare, 0.042, accuracy: 0.002)
        XCTAssertEqual(s.adjacentShare, 0.078, accuracy: 0.002)
        XCTAssertEqual(s.oneGapShare, 0.069, accuracy: 0.002)
        XCTAssertEqual(s.meanSegmentsAfterDropping, 8.50, accuracy: 0.1)
    }

    func testFigureFiveRelations() {
        let s = Self.stats
        let cuts = Double(s.cuts.enumerated().reduce(0) { $0 + $1.offset * $1.element }) / Double(s.traces)
        XCTAssertEqual(cuts, 7.80, accuracy: 0.1)   // E[C] = 2 E[N] = 7.80
        // Unique systems never exceed N, and each appearance is counted once in (e) and (f).
        for k in 1...25 { XCTAssertLessThanOrEqual(TraceStatistics.ccdf(s.uniqueSystems)[k], TraceStatistics.ccdf(s.maxSystems)[k] + 1e-12) }
        XCTAssertEqual(s.appearances.reduce(0, +), s.candidates.reduce(0, +))
        XCTAssertEqual(s.candidates.reduce(0, +), s.totalCuts + s.traces)
        // First appearances = unique systems summed over traces.
        XCTAssertEqual(s.candidates[0], s.uniqueSystems.enumerated().reduce(0) { $0 + $1.offset * $1.element })
        XCTAssertLessThan(s.recall19Share, 0.01)   // the paper: under 1%
        XCTAssertEqual(TraceStatistics.ccdf(s.cuts)[0], 1, accuracy: 1e-12)
    }
}
