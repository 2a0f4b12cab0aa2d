import Artifacts
import Foundation
import XCTest
@testable import Plots

final class TableExportTests: XCTestCase {
    func testFigureTablesRoundTripThroughTSV() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let artifact = dir.appendingPathComponent("a.h5")
        let file = try ArtifactFile.create(artifact)
        try file.writeTable("loss", columns: ["step", "value"], rows: [[0, 2.5], [10, 0.125]])
        try file.write("not_a_table", [1.0, 2.0], shape: [2])
        XCTAssertEqual(try file.tableColumns("loss"), ["step", "value"])
        file.close()

        let written = try TableExport.export(artifact, prefix: "data3", to: dir)
        XCTAssertEqual(written, ["loss"])
        let text = try String(contentsOf: dir.appendingPathComponent("data3.loss.tsv"), encoding: .utf8)
        XCTAssertEqual(text, "# step value\n0\t2.5\n10\t0.125\n")
    }

    /// `toyworld export`'s formats: a plain header and every value back exactly.
    func testExportedCSVAndTSVReadBackToTheTable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let artifact = dir.appendingPathComponent("a.h5")
        let rows: [[Double]] = [[0, 1.0 / 3.0, .nan], [12800, 2e-7, 0.875], [-3, Double(Float(0.1)), 1e300]]
        do {
            let file = try ArtifactFile.create(artifact)
            try file.writeTable("heldout", columns: ["examples", "q50_1", "q50_2"], rows: rows)
        }
        for format in [TableExport.Format.csv, .tsv] {
            try TableExport.export(artifact, prefix: "run", to: dir, format: format)
            let lines = try String(contentsOf: dir.appendingPathComponent("run.heldout.\(format.rawValue)"), encoding: .utf8)
                .split(separator: "\n").map { $0.components(separatedBy: format.separator) }
            XCTAssertEqual(lines[0], ["examples", "q50_1", "q50_2"])
            XCTAssertEqual(lines[2][0], "12800", "whole numbers are written as integers")
            for (row, line) in zip(rows, lines.dropFirst()) {
                for (value, text) in zip(row, line) {
                    let read = try XCTUnwrap(Double(text))
                    if value.isNaN { XCTAssertTrue(read.isNaN) } else { XCTAssertEqual(read.bitPattern, value.bitPattern, "\(text)") }
                }
            }
        }
    }

    func testNonMatrixTableIsRejectedWithItsName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let artifact = dir.appendingPathComponent("bad.h5")
        let file = try ArtifactFile.create(artifact)
        try file.write("tables/flat", [1.0, 2.0, 3.0], shape: [3])
        file.close()
        XCTAssertThrowsError(try TableExport.export(artifact, prefix: "data0", to: dir)) { error in
            XCTAssertTrue("\(error)".contains("tables/flat"), "\(error)")
            XCTAssertTrue("\(error)".contains("bad.h5"), "\(error)")
        }
    }
}
