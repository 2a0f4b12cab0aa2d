import XCTest
@testable import Artifacts

final class DatasetRoundTripTests: ArtifactTestCase {
    private let shapes: [[Int]] = [[], [5], [3, 4], [2, 3, 4], [2, 1, 3, 2], [0], [3, 0]]

    private func roundTrip<T: H5Element & Equatable>(_ make: (Int) -> T) throws {
        let url = file("\(T.dtype).h5")
        var written: [String: NDArray<T>] = [:]
        do {
            let artifact = try ArtifactFile.create(url)
            for (index, shape) in shapes.enumerated() {
                let values = (0..<shape.reduce(1, *)).map { make($0 + 7 * index) }
                let path = "rank\(shape.count)/case\(index)"
                try artifact.write(path, values, shape: shape)
                written[path] = NDArray(shape: shape, values: values)
            }
        }
        let artifact = try ArtifactFile.open(url)
        XCTAssertEqual(try artifact.datasetPaths(), written.keys.sorted())
        for (path, expected) in written {
            XCTAssertEqual(try artifact.dtype(path), T.dtype)
            XCTAssertEqual(try artifact.shape(path), expected.shape, path)
            XCTAssertEqual(try artifact.read(path, as: T.self), expected, path)
        }
    }

    func testEveryDTypeAtRanksZeroToFour() throws {
        try roundTrip { Float($0) * 0.25 - 3 }
        try roundTrip { Double($0) * -1.0e-300 + .pi }
        try roundTrip { Int32($0) * -1_000_003 }
        try roundTrip { Int64($0) * 3_000_000_000_017 - 5 }
        try roundTrip { UInt8(truncatingIfNeeded: $0 * 37) }
        try roundTrip { $0 % 3 == 1 }
    }

    func testSpecialFloatValuesSurvive() throws {
        let url = file("special.h5")
        let values: [Double] = [.infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        try ArtifactFile.create(url).write("x", values, shape: [5])
        let back = try ArtifactFile.open(url).read("x", as: Double.self).values
        XCTAssertEqual(back.map(\.bitPattern), values.map(\.bitPattern))
    }

    func testRewritingAPathReplacesTheDataset() throws {
        let artifact = try ArtifactFile.create(file("replace.h5"))
        try artifact.write("a/b", [1, 2, 3] as [Int32], shape: [3])
        try artifact.write("a/b", [1.5, 2.5] as [Double], shape: [2, 1])
        XCTAssertEqual(try artifact.read("a/b", as: Double.self), NDArray(shape: [2, 1], values: [1.5, 2.5]))
    }

    func testLargeDatasetIsChunkedAndSlicesReadBack() throws {
        let url = file("large.h5")
        let rows = 3000, columns = 200   // 2.4 MB of Float32: above the chunking threshold
        var values = [Float](repeating: 0, count: rows * columns)
        for index in values.indices { values[index] = Float(index % 9973) * 0.5 }
        try ArtifactFile.create(url).write("big/matrix", values, shape: [rows, columns])
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
        XCTAssertLessThan(size, rows * columns * 4 / 2, "shuffle+deflate should compress this repetitive data")

        let artifact = try ArtifactFile.open(url)
        XCTAssertEqual(try artifact.read("big/matrix", as: Float.self).values, values)
        let slice = try artifact.readSlice("big/matrix", start: [1234, 10], count: [3, 4], as: Float.self)
        XCTAssertEqual(slice.shape, [3, 4])
        for row in 0..<3 {
            for column in 0..<4 {
                XCTAssertEqual(slice.values[row * 4 + column], values[(1234 + row) * columns + 10 + column])
            }
        }
    }

    func testChunkShapeSplitsLeadingDimensionToAboutTarget() {
        XCTAssertEqual(ArtifactFile.chunkShape(shape: [1000, 256], elementBytes: 8, targetBytes: 1 << 20), [512, 256])
        XCTAssertEqual(ArtifactFile.chunkShape(shape: [4, 1 << 20], elementBytes: 4, targetBytes: 1 << 20), [1, 262_144])
        XCTAssertEqual(ArtifactFile.chunkShape(shape: [10], elementBytes: 4, targetBytes: 8), [2])
    }

    func testWrongShapeAndOutOfBoundsSliceAreShapeErrors() throws {
        let artifact = try ArtifactFile.create(file("bad.h5"))
        XCTAssertThrowsError(try artifact.write("x", [1, 2, 3] as [Int64], shape: [2, 2])) { error in
            guard case .shapeMismatch = (error as? ArtifactError)?.kind else { return XCTFail("\(error)") }
        }
        try artifact.write("x", [1, 2, 3, 4] as [Int64], shape: [2, 2])
        XCTAssertThrowsError(try artifact.readSlice("x", start: [1, 1], count: [2, 1], as: Int64.self)) { error in
            guard case .shapeMismatch = (error as? ArtifactError)?.kind else { return XCTFail("\(error)") }
        }
    }
}

/// Figure tables read back by column name.
final class NamedTableTests: ArtifactTestCase {
    func testColumnsReadBackByNameAndAMissingRequiredColumnIsNamed() throws {
        let url = file("t.h5")
        let f = try ArtifactFile.create(url)
        try f.writeTable("cells", columns: ["a", "b"], rows: [[1, 2], [3, 4]])
        f.close()
        let g = try ArtifactFile.open(url)
        defer { g.close() }
        let table = try NamedTable(g, "cells", requiring: ["b"])
        XCTAssertEqual(table.column("b"), [2, 4])
        XCTAssertEqual(table.column("c"), [])
        XCTAssertThrowsError(try NamedTable(g, "cells", requiring: ["a", "c"])) {
            XCTAssertEqual("\($0)", "\(url.path): 'tables/cells': no column c (columns: a b)")
        }
    }
}
