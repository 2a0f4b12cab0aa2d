import XCTest
@testable import Artifacts

final class DeterminismTests: ArtifactTestCase {
    /// Writes a file touching every feature: groups, all dtypes, a chunked dataset, attributes.
    static func writeSample(_ url: URL, scale: Double = 1) throws {
        let artifact = try ArtifactFile.create(url)
        try artifact.createGroup("empty/group")
        try artifact.write("tables/loss", (0..<12).map { Double($0) * scale }, shape: [4, 3])
        try artifact.setAttribute("columns", .string("step train test"), at: "tables/loss")
        try artifact.write("flags", [true, false, true], shape: [3])
        try artifact.write("bytes", [UInt8](0..<10), shape: [2, 5])
        try artifact.write("scalar", [Int64(7)], shape: [])
        try artifact.write("ints", [Int32(-1), 2], shape: [2])
        try artifact.write("big/weights", (0..<400_000).map { Float($0 % 1000) }, shape: [1000, 400])
        try artifact.setAttribute("seed", .int(1234))
        try artifact.setAttribute("lrs", .doubles([0.1, 0.01]), at: "big")
        artifact.close()
    }

    func testSameContentGivesByteIdenticalFiles() throws {
        let first = file("first.h5"), second = file("second.h5")
        try Self.writeSample(first)
        Thread.sleep(forTimeInterval: 1.1)   // a stored timestamp would now differ
        try Self.writeSample(second)
        let firstBytes = try Data(contentsOf: first), secondBytes = try Data(contentsOf: second)
        XCTAssertGreaterThan(firstBytes.count, 0)
        XCTAssertEqual(firstBytes, secondBytes)
    }
}
