import XCTest
@testable import Artifacts

final class ContentDigestTests: ArtifactTestCase {
    private func digest(after change: (ArtifactFile) throws -> Void) throws -> String {
        let url = file(UUID().uuidString + ".h5")
        try DeterminismTests.writeSample(url)
        let artifact = try ArtifactFile.open(url, writable: true)
        try change(artifact)
        artifact.close()
        return try ContentDigest.of(url)
    }

    func testSameContentInTwoFilesGivesTheSameDigest() throws {
        let first = file("a.h5"), second = file("b.h5")
        try DeterminismTests.writeSample(first)
        try DeterminismTests.writeSample(second)
        let digest = try ContentDigest.of(first)
        XCTAssertEqual(digest.count, 64)
        XCTAssertEqual(digest, try ContentDigest.of(second))
    }

    func testAnyContentChangeChangesTheDigest() throws {
        let original = try digest { _ in }
        let changes: [(String, (ArtifactFile) throws -> Void)] = [
            ("one value", { try $0.write("tables/loss", (0..<12).map { $0 == 5 ? 5.000001 : Double($0) }, shape: [4, 3]) }),
            ("one value in a multi-block dataset", {
                try $0.write("big/weights", (0..<400_000).map { Float($0 == 399_999 ? 1 : $0 % 1000) }, shape: [1000, 400])
            }),
            ("a shape", { try $0.write("tables/loss", (0..<12).map(Double.init), shape: [3, 4]) }),
            ("a dtype", { try $0.write("ints", [Int64(-1), 2], shape: [2]) }),
            ("a bool", { try $0.write("flags", [true, true, true], shape: [3]) }),
            ("an attribute value", { try $0.setAttribute("seed", .int(1235)) }),
            ("an attribute type", { try $0.setAttribute("seed", .double(1234)) }),
            ("a dataset attribute", { try $0.setAttribute("columns", .string("step train tests"), at: "tables/loss") }),
            ("a new attribute", { try $0.setAttribute("note", .string(""), at: "empty") }),
            ("a new group", { try $0.createGroup("extra") }),
            ("a provenance-like name outside /provenance", { try $0.createGroup("provenance2") }),
        ]
        var seen: Set<String> = [original]
        for (name, change) in changes {
            let changed = try digest(after: change)
            XCTAssertFalse(seen.contains(changed), "changing \(name) left the digest unchanged or collided")
            seen.insert(changed)
        }
    }

    func testProvenanceDoesNotEnterTheDigest() throws {
        let original = try digest { _ in }
        let withProvenance = try digest { artifact in
            try artifact.createGroup("provenance/volatile")
            try artifact.setAttribute("host", .string("machine-a"), at: "provenance/volatile")
            try artifact.setAttribute("git_commit", .string("abc"), at: "provenance")
            try artifact.write("provenance/log", [UInt8](repeating: 1, count: 9), shape: [9])
        }
        XCTAssertEqual(original, withProvenance)
    }

    func testBlocksCoverTheDatasetInRowMajorOrder() {
        let blocks = Array(HyperslabBlocks(shape: [3, 5, 7], elementBytes: 4, maxBytes: 4 * 10))
        XCTAssertTrue(blocks.allSatisfy { $0.count.reduce(1, *) <= 10 })
        var covered: [Int] = []
        for block in blocks {
            for i in 0..<block.count[0] { for j in 0..<block.count[1] { for k in 0..<block.count[2] {
                covered.append(((block.start[0] + i) * 5 + block.start[1] + j) * 7 + block.start[2] + k)
            } } }
        }
        XCTAssertEqual(covered, Array(0..<105))
        XCTAssertEqual(Array(HyperslabBlocks(shape: [], elementBytes: 8, maxBytes: 1)).count, 1)
        XCTAssertEqual(Array(HyperslabBlocks(shape: [4, 0], elementBytes: 8, maxBytes: 64)).count, 0)
    }
}
