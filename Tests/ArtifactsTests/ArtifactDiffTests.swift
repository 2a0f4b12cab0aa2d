import XCTest
@testable import Artifacts

final class ArtifactDiffTests: ArtifactTestCase {
    private func make(_ name: String, _ build: (ArtifactFile) throws -> Void) throws -> URL {
        let url = file(name)
        try build(ArtifactFile.create(url))
        return url
    }

    func testIdenticalFilesAreSameDespiteProvenance() throws {
        let a = try make("a.h5") {
            try $0.write("x", [1, 2, 3] as [Double], shape: [3])
            try $0.setAttribute("host", .string("one"), at: "/")
            try $0.createGroup("provenance")
            try $0.setAttribute("started", .string("t0"), at: "provenance")
        }
        let b = try make("b.h5") {
            try $0.write("x", [1, 2, 3] as [Double], shape: [3])
            try $0.setAttribute("host", .string("one"), at: "/")
            try $0.createGroup("provenance")
            try $0.setAttribute("started", .string("t1"), at: "provenance")
        }
        let report = try ArtifactDiff.compare(a, b)
        XCTAssertTrue(report.isSame, report.render())
        XCTAssertEqual(report.datasets.map(\.path), ["x"])
        XCTAssertTrue(report.render().hasSuffix("SAME\n"))
    }

    func testStructuralNumericAndAttributeDifferences() throws {
        let a = try make("a.h5") {
            try $0.write("values", [1.0, 2.0, 0.0, 4.0] as [Double], shape: [4])
            try $0.write("onlyA", [true], shape: [1])
            try $0.write("typed", [1] as [Int32], shape: [1])
            try $0.write("shaped", [1, 2] as [Float], shape: [2])
            try $0.setAttribute("columns", .string("a b"), at: "values")
        }
        let b = try make("b.h5") {
            try $0.write("values", [1.0, 2.5, 0.0, 4.0001] as [Double], shape: [4])
            try $0.write("onlyB/x", [UInt8(1)], shape: [])
            try $0.write("typed", [1] as [Int64], shape: [1])
            try $0.write("shaped", [1, 2] as [Float], shape: [1, 2])
            try $0.setAttribute("columns", .string("a c"), at: "values")
        }
        let report = try ArtifactDiff.compare(a, b, rtol: 1e-3, atol: 0)
        XCTAssertFalse(report.isSame)
        let byPath = Dictionary(uniqueKeysWithValues: report.datasets.map { ($0.path, $0.status) })
        XCTAssertEqual(byPath["onlyA"], .onlyInA)
        XCTAssertEqual(byPath["onlyB/x"], .onlyInB)
        XCTAssertEqual(byPath["typed"], .dtypeMismatch(.int32, .int64))
        XCTAssertEqual(byPath["shaped"], .shapeMismatch([2], [1, 2]))
        guard case .compared(.float64, [4], let comparison)? = byPath["values"] else { return XCTFail("\(report)") }
        XCTAssertEqual(comparison.elementCount, 4)
        XCTAssertEqual(comparison.outsideTolerance, 1, "4 vs 4.0001 is inside rtol 1e-3, 2 vs 2.5 is not")
        XCTAssertEqual(comparison.maxAbsDiff, 0.5)
        XCTAssertEqual(comparison.maxRelDiff, 0.2, accuracy: 1e-12)
        XCTAssertEqual(report.attributes, [AttributeDiff(objectPath: "values", name: "columns",
                                                         a: .string("a b"), b: .string("a c"))])
        let rendered = report.render()
        for expected in ["only in A", "only in B", "int32 vs int64", "[2] vs [1, 2]", "DIFFERENT", "\"a c\""] {
            XCTAssertTrue(rendered.contains(expected), "missing \(expected) in\n\(rendered)")
        }
    }

    func testATableNamesTheColumnsAndRowsThatDiffer() throws {
        let columns = ["step", "loss", "accuracy"]
        let a = try make("a.h5") {
            try $0.writeTable("curve", columns: columns, rows: [[0, 1.0, 0.1], [100, 0.5, 0.4], [200, 0.25, 0.8]])
        }
        let b = try make("b.h5") {
            try $0.writeTable("curve", columns: columns, rows: [[0, 1.0, 0.1], [100, 0.5, 0.45], [200, 0.25, 0.9]])
        }
        let report = try ArtifactDiff.compare(a, b)
        let table = try XCTUnwrap(report.datasets.first { $0.path == "tables/curve" })
        XCTAssertEqual(table.columns.map(\.column), ["accuracy"], "step and loss agree")
        XCTAssertEqual(table.columns.first?.rows, ["step=100", "step=200"])
        XCTAssertEqual(table.columns.first?.comparison.maxAbsDiff ?? 0, 0.1, accuracy: 1e-12)
        XCTAssertTrue(report.render().contains("accuracy: 2 of 3 rows"), report.render())

        // Where the first column itself differs, rows are named by index.
        let c = try make("c.h5") {
            try $0.writeTable("curve", columns: columns, rows: [[0, 1.0, 0.1], [150, 0.5, 0.4], [200, 0.25, 0.8]])
        }
        let shifted = try ArtifactDiff.compare(a, c)
        XCTAssertEqual(shifted.datasets.first?.columns.map(\.rows), [["row 1"]])
        XCTAssertTrue(try ArtifactDiff.compare(a, b, atol: 0.2).datasets.allSatisfy { $0.columns.isEmpty })
    }

    func testTheParametersBehindEachFileAreShownWhereTheyDiffer() throws {
        func provenance(_ parameters: String) -> Provenance {
            Provenance(stage: "train", kind: "train", kindVersion: 1, cacheKey: "k", parametersJSON: parameters,
                       inputDigests: [:], gitCommit: "c", gitDirty: false, toolVersion: "t",
                       startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 1), wallSeconds: 1)
        }
        let a = try make("a.h5") {
            try $0.write("x", [1.0] as [Double], shape: [1])
            try provenance(#"{"layers":2,"lr":0.001,"mode":"normal","seeds":[1,2]}"#).write(to: $0)
        }
        let b = try make("b.h5") {
            try $0.write("x", [1.0] as [Double], shape: [1])
            try provenance(#"{"layers":4,"lr":0.001,"seeds":[1,3],"width":64}"#).write(to: $0)
        }
        let report = try ArtifactDiff.compare(a, b)
        XCTAssertEqual(report.parameters, [
            ParameterDiff(name: "layers", a: "2", b: "4"), ParameterDiff(name: "mode", a: "\"normal\"", b: nil),
            ParameterDiff(name: "seeds", a: "[1,2]", b: "[1,3]"), ParameterDiff(name: "width", a: nil, b: "64"),
        ])
        XCTAssertTrue(report.isSame, "same content, other parameters")
        XCTAssertTrue(report.render().contains("made with other parameters:"), report.render())
    }

    func testToleranceAndNaNRules() {
        var comparison = NumericComparison()
        comparison.add(.nan, .nan, rtol: 0, atol: 0)
        comparison.add(.infinity, .infinity, rtol: 0, atol: 0)
        comparison.add(1.0 + 1e-9, 1.0, rtol: 0, atol: 1e-8)
        XCTAssertEqual(comparison.outsideTolerance, 0)
        comparison.add(.nan, 1, rtol: 1, atol: 1)
        comparison.add(1e-12, 0, rtol: 1, atol: 0)
        XCTAssertEqual(comparison.outsideTolerance, 2)
        XCTAssertEqual(comparison.elementCount, 5)
        XCTAssertEqual(comparison.maxRelDiff, .infinity)
    }

    func testLargeDatasetsCompareAcrossBlocks() throws {
        let count = 1_500_000   // 6 MB of Float32: more than one 4 MiB comparison block
        var values = [Float](repeating: 1, count: count)
        let a = try make("a.h5") { try $0.write("w", values, shape: [count]) }
        values[count - 1] = 2
        let b = try make("b.h5") { try $0.write("w", values, shape: [count]) }
        let report = try ArtifactDiff.compare(a, b)
        guard case .compared(_, _, let comparison) = report.datasets[0].status else { return XCTFail(report.render()) }
        XCTAssertEqual(comparison.elementCount, count)
        XCTAssertEqual(comparison.outsideTolerance, 1)
    }
}
