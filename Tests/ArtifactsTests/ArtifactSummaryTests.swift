import XCTest
@testable import Artifacts

final class ArtifactSummaryTests: ArtifactTestCase {
    func testListsProvenanceFirstThenEveryObjectWithFullAttributes() throws {
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
        XCTAssertTrue(lines.contains("    @notes = \"\(String(repeating: "x", count: 500))\""), "attributes are shown whole")
    }

    func testNaturalOrderAndFirstValues() throws {
        let url = file("natural.h5")
        do {
            let artifact = try ArtifactFile.create(url)
            for n in [128, 32, 1024] { try artifact.write("checkpoints/\(n)/w", (0..<10).map { Float($0) / 2 }, shape: [2, 5]) }
        }
        let text = try ArtifactSummary.describe(url, values: 3)
        let datasets = text.split(separator: "\n").filter { $0.hasPrefix("/checkpoints/") && $0.contains("float32") }
        XCTAssertEqual(datasets.map { $0.split(separator: " ")[0] }, ["/checkpoints/32/w", "/checkpoints/128/w", "/checkpoints/1024/w"])
        XCTAssertTrue(text.contains("    = [0.0, 0.5, 1.0, … (10 in all)]"), text)
        XCTAssertFalse(try ArtifactSummary.describe(url).contains("    = ["), "values only on request")
    }
}
