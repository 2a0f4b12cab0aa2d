import XCTest
@testable import Artifacts

final class ArtifactSummaryTests: ArtifactTestCase {
    func testListsProvenanceFirstThenEveryObjectWithTruncatedAttributes() throws {
        let url = file("show.h5")
        do {
            let artifact = try ArtifactFile.create(url)
            try artifact.write("tables/loss", [1, 2, 3, 4] as [Double], shape: [2, 2])
            try artifact.setAttribute("columns", .string("step loss"), at: "tables/loss")
            try artifact.setAttribute("notes", .string(String(repeating: "x", count: 500)), at: "tables")
            try artifact.createGroup("provenance")
            try artifact.setAttribute("stage", .string("train"), at: "provenance")
        }
        let text = try ArtifactSummary.describe(url)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "file: \(url.path)")
        XCTAssertEqual(lines[1], "/provenance/")
        XCTAssertEqual(lines[2], "    @stage = \"train\"")
        XCTAssertEqual(lines[3], "/")
        XCTAssertTrue(lines.contains("/tables/loss  float64 [2, 2]"), text)
        XCTAssertTrue(lines.contains("    @columns = \"step loss\""), text)
        let notes = try XCTUnwrap(lines.first { $0.contains("@notes") })
        XCTAssertLessThan(notes.count, 130)
        XCTAssertTrue(notes.hasSuffix("…"))
    }
}
