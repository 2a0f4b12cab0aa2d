import Foundation
import XCTest
@testable import Plots
import Artifacts

final class GnuplotTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("plots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testRendersPNGAndPDFFromTables() throws {
        let table = NDArray<Double>(shape: [3, 2], values: [0, 1, 1, 4, 2, .nan])
        try TableExport.render(table, header: "# x y").write(to: dir.appendingPathComponent("data0.line.tsv"),
                                                            atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("s.gp")
        try "plot sprintf('%s/data0.line.tsv', datadir) using 1:2 with lines title profile\n"
            .write(to: script, atomically: true, encoding: .utf8)
        for format in Gnuplot.Format.allCases {
            let out = dir.appendingPathComponent("f.\(format.rawValue)")
            try Gnuplot.render(script: script, datadir: dir, profile: "test", format: format, output: out)
            let bytes = [UInt8](try Data(contentsOf: out))
            let magic: [UInt8] = format == .png ? [0x89, 0x50, 0x4E, 0x47] : Array("%PDF".utf8)
            XCTAssertEqual(Array(bytes.prefix(4)), magic, "\(format) output has the wrong signature")
        }
    }

    func testSameFigureGivesTheSamePDFBytes() throws {
        let script = dir.appendingPathComponent("s.gp")
        try "plot sin(x) title profile\n".write(to: script, atomically: true, encoding: .utf8)
        var renders: [Data] = []
        for i in 0..<2 {
            if i == 1 { Thread.sleep(forTimeInterval: 1.1) }   // cairo's timestamp has one-second resolution
            let out = dir.appendingPathComponent("f\(i).pdf")
            try Gnuplot.render(script: script, datadir: dir, profile: "test", format: .pdf, output: out)
            renders.append(try Data(contentsOf: out))
        }
        XCTAssertEqual(renders[0], renders[1])
        XCTAssertNotNil(renders[0].range(of: Data("/CreationDate (D:19700101000000".utf8)))
    }

    func testTSVMarksMissingValuesAsNaN() {
        let text = TableExport.render(NDArray(shape: [1, 2], values: [1.5, .nan]), header: "# a b")
        XCTAssertEqual(text, "# a b\n1.5\tNaN\n")
    }

    func testScriptErrorNamesTheScript() throws {
        let script = dir.appendingPathComponent("broken.gp")
        try "plot nonexistent_function(x)\n".write(to: script, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Gnuplot.render(script: script, datadir: dir, profile: "t", format: .png,
                                                output: dir.appendingPathComponent("x.png"))) { error in
            XCTAssertTrue("\(error)".contains("broken.gp"), "\(error)")
        }
    }

    func testMissingScriptIsReported() {
        XCTAssertThrowsError(try Gnuplot.render(script: dir.appendingPathComponent("none.gp"), datadir: dir,
                                                profile: "t", format: .png, output: dir.appendingPathComponent("x.png"))) {
            XCTAssertTrue("\($0)".contains("none.gp"))
        }
    }
}
