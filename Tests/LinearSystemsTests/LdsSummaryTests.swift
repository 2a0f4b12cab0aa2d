import XCTest
import Artifacts
@testable import LinearSystems

final class LdsSummaryTests: XCTestCase {
    private var harness: StageHarness!

    override func setUpWithError() throws { harness = try StageHarness() }
    override func tearDown() { harness = nil }

    /// An evaluation artifact whose model medians are `medians(row, index)` and whose
    /// pseudoinverse medians are `baseline(index)`; quartiles are 0.5x and 2x the median.
    private func evaluation(_ file: String, examples: [Int], restartAt: Int, tables: [String: Int],
                            medians: (Int, Int) -> Double, baseline: (Int) -> Double) throws -> URL {
        let f = try ArtifactFile.create(harness.url(file))
        defer { f.close() }
        for (name, indices) in tables {
            var values: [Double] = []
            for (row, e) in examples.enumerated() {
                values.append(Double(e))
                for k in 1...indices { let m = medians(row, k); values += [m / 2, m, 2 * m] }
                for k in 1...indices { let b = baseline(k); values += [b / 2, b, 2 * b] }
            }
            try f.writeTable(name, columns: EvaluationSuite.columns(indices: Array(1...indices)), values: values)
        }
        try f.setAttribute("restart_at", .int(Int64(restartAt)))
        return harness.url(file)
    }

    func testOnsetNeedsTheMedianToStayBelowThePseudoinverse() throws {
        let all = ["train": 8, "heldout": 8, "recall_n1": 2, "recall_n5": 2]
        // Index 2 falls below 1.0 from row 3 on; index 3 dips at row 1, returns, falls from row 4; index 4 never.
        let curves: [Int: [Double]] = [2: [2, 2, 2, 0.5, 0.4, 0.3], 3: [2, 0.5, 2, 2, 0.5, 0.5], 4: [2, 2, 2, 2, 2, 2]]
        let r1 = try evaluation("r1.h5", examples: [0, 10, 20, 30, 40, 50], restartAt: -1, tables: all,
                                medians: { row, k in curves[k]?[row] ?? 0.25 * Double(k) }, baseline: { _ in 1 })
        let r2 = try evaluation("r2.h5", examples: [30, 40, 50], restartAt: 30, tables: all,
                                medians: { _, k in 0.1 * Double(k) }, baseline: { _ in 1 })
        let lines = try LdsSummary.report(evaluations: ["R1": r1, "R2": r2]).lines
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("index 2: 30 examples"), text)
        XCTAssertTrue(text.contains("index 3: 40 examples"), text)
        XCTAssertTrue(text.contains("index 4: never"), text)
        XCTAssertTrue(text.contains("at the restart point 30:"), text)
        XCTAssertTrue(text.contains("R2 at 30:"), text)
        XCTAssertTrue(text.contains("R1 at 50:"), text)
        XCTAssertTrue(text.contains("R2 at 50: index 1 0.100, index 2 0.200"), text)
        XCTAssertLessThan(text.range(of: "recall_n1")!.lowerBound, text.range(of: "recall_n5")!.lowerBound)
        XCTAssertThrowsError(try LdsSummary.report(evaluations: ["R1": harness.url("missing.h5")]))
    }
}
