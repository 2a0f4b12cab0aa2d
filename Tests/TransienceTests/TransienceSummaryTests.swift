import XCTest
import Artifacts
@testable import Transience

/// The curve measures behind `toyworld summary transience`, on hand-made evaluator curves.
final class TransienceSummaryTests: XCTestCase {
    func shape(icl: [Double], flip: [Double], ciwl: [Double]) throws -> TransienceSummary.Shape {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString).h5")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try ArtifactFile.create(url)
        let rows = icl.indices.map { i -> [Double] in
            [Double(i) * 1e6, 0.9, icl[i], 0.001, ciwl[i], flip[i], 0, 0, 0, 0, 0]
        }
        try file.writeTable("curves", columns: EvaluateStage.columns, rows: rows)
        file.close()
        return try TransienceSummary.shapes(url)[0]
    }

    func testTheFigure1bSignatureNeedsICLToRiseAndFallAndFlipToCrossBack() throws {
        let transient = try shape(icl: [0.5, 0.6, 0.7, 0.55, 0.5], flip: [0.5, 0.6, 0.55, 0.3, 0.1], ciwl: [0.5, 0.6, 0.8, 0.95, 0.99])
        XCTAssertTrue(transient.signature)
        XCTAssertEqual(transient.peak(transient.icl).value, 0.7)
        XCTAssertEqual(transient.peak(transient.icl).at, 2e6)
        XCTAssertEqual(transient.flipCrossing, 3e6)

        let ciwlOnly = try shape(icl: [0.5, 0.51, 0.5, 0.49, 0.5], flip: [0.5, 0.4, 0.2, 0.1, 0.0], ciwl: [0.5, 0.8, 0.9, 0.99, 1])
        XCTAssertFalse(ciwlOnly.signature)
        XCTAssertEqual(ciwlOnly.flipCrossing, 1e6, "the first checkpoint after the peak (at 0) below 0.5")

        let persistent = try shape(icl: [0.5, 0.6, 0.7, 0.8, 0.9], flip: [0.5, 0.6, 0.7, 0.8, 0.9], ciwl: [0.5, 0.6, 0.7, 0.8, 0.9])
        XCTAssertFalse(persistent.signature)
        XCTAssertNil(persistent.flipCrossing)
    }
}
