import Foundation
@testable import Plots
import XCTest

final class FigureMetadataTests: XCTestCase {
    private var dir: URL!
    private let fields = FigureMetadata.fields(figure: "fig-x", stage: "fig-x", profile: "smoke", key: String(repeating: "ab", count: 32))

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("metadata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func render(_ format: Gnuplot.Format) throws -> URL {
        let script = dir.appendingPathComponent("s.gp")
        try "plot sin(x) title profile\n".write(to: script, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("f.\(format.rawValue)")
        try Gnuplot.render(script: script, datadir: dir, profile: "test", format: format, output: out)
        return out
    }

    func testPNGCRCIsTheStandardOne() {
        XCTAssertEqual(FigureMetadata.crc32(Array("IEND".utf8)), 0xAE42_6082, "every PNG ends with this chunk and CRC")
    }

    func testAStampedPNGHasValidTextChunksAndGivesItsOriginBack() throws {
        let url = try render(.png)
        let stamped = try FigureMetadata.stamp(png: [UInt8](try Data(contentsOf: url)), fields: fields)
        // Walk the chunks: every CRC must hold, and the three text chunks follow the header.
        var i = 8, types: [String] = []
        while i + 12 <= stamped.count {
            let length = stamped[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) }
            let body = Array(stamped[(i + 4)..<(i + 8 + length)])
            let crc = stamped[(i + 8 + length)..<(i + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            XCTAssertEqual(FigureMetadata.crc32(body), crc, "chunk \(types.count)")
            types.append(String(decoding: body.prefix(4), as: UTF8.self))
            i += 12 + length
        }
        XCTAssertEqual(Array(types.prefix(4)), ["IHDR", "tEXt", "tEXt", "tEXt"])
        XCTAssertEqual(types.last, "IEND")
        try Data(stamped).write(to: url)
        XCTAssertEqual(try FigureMetadata.origin(of: url), .init(stage: "fig-x", profile: "smoke", key: String(repeating: "ab", count: 32)))
    }

    func testAStampedPDFIsAnIncrementalUpdateThatPointsAtItsNewInformation() throws {
        let url = try render(.pdf)
        let original = [UInt8](try Data(contentsOf: url))
        let stamped = try FigureMetadata.stamp(pdf: original, fields: fields)
        XCTAssertEqual(Array(stamped.prefix(original.count)), original, "cairo's bytes stay as they are")
        let text = String(decoding: stamped, as: UTF8.self)
        let offsets = text.components(separatedBy: "startxref\n").map { Int($0.prefix { $0.isNumber }) }
        let newXref = try XCTUnwrap(offsets.last ?? nil)
        XCTAssertTrue(String(decoding: stamped[newXref...], as: UTF8.self).hasPrefix("xref\n"), "startxref points at the new table")
        let entry = String(decoding: stamped[newXref...], as: UTF8.self).split(separator: "\n")
        let infoObject = try XCTUnwrap(Int(entry[1].split(separator: " ")[0]))
        let objectOffset = try XCTUnwrap(Int(entry[2].prefix(10)))
        XCTAssertTrue(String(decoding: stamped[objectOffset...], as: UTF8.self).hasPrefix("\(infoObject) 0 obj\n<< /Producer"))
        XCTAssertTrue(text.contains("/Prev \(offsets[offsets.count - 2] ?? -1)"), "the update chains to the original table")
        XCTAssertTrue(text.contains("/Title (fig-x)") && text.contains("/Creator (toyworld)"))
        try Data(stamped).write(to: url)
        XCTAssertEqual(try FigureMetadata.origin(of: url)?.stage, "fig-x")
    }

    func testAFileWithoutAnOriginSaysSo() throws {
        XCTAssertNil(try FigureMetadata.origin(of: try render(.png)))
        XCTAssertThrowsError(try FigureMetadata.stamp(png: Array("not a png at all, but long enough to be checked".utf8), fields: fields))
    }
}
