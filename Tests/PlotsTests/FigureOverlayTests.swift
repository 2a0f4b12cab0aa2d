import Artifacts
import Foundation
import Pipeline
@testable import Plots
import XCTest

final class FigureOverlayTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("overlay-\(UUID().uuidString)")
        let figures = root.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.copyItem(at: repository.appendingPathComponent("figures/style.gp"), to: figures.appendingPathComponent("style.gp"))
        try """
            load style
            set title headline("a line")
            plot for [d in versions] sprintf("%s/data0.line.tsv", d) using 1:2 with lines lw thin(d, 2) lc rgb shade(d, "#1f77b4") title label(d, "y")
            """.write(to: figures.appendingPathComponent("line.gp"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    /// A plot artifact of the table y = slope * x, made by the plot stage itself.
    private func plot(slope: Double, name: String) throws -> URL {
        let source = root.appendingPathComponent("\(name)-source.h5")
        let file = try ArtifactFile.create(source)
        try file.writeTable("line", columns: ["x", "y"], rows: (0..<5).map { [Double($0), slope * Double($0)] })
        file.close()
        let output = root.appendingPathComponent("\(name).h5")
        let work = root.appendingPathComponent("work-\(name)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try PlotStage.run(StageContext(kind: PlotStage.self,
                                       values: ["script": .string("figures/line.gp"), "figure": .string("line"), "profile": .string("test")],
                                       inputs: ["data": [source]], outputPaths: ["figure": output], workDirectory: work, rootDirectory: root))
        return output
    }

    func testTheOverlayDrawsBothVersionsWithTheNewScript() throws {
        let old = try plot(slope: 1, name: "old"), new = try plot(slope: 2, name: "new")
        let overlay = root.appendingPathComponent("figures/diff/line.png")
        try FigureOverlay.render(old: old, new: new, profile: "test", output: overlay)
        let bytes = try Data(contentsOf: overlay)
        XCTAssertEqual(Array(bytes.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        let plain = try XCTUnwrap(try ArtifactFile.open(new).publishedFiles().first { $0.path.hasSuffix(".png") }).bytes
        XCTAssertNotEqual([UInt8](bytes), plain, "the overlay adds the old curve to the new figure")
        XCTAssertEqual(try FigureOverlay.figureName(of: new), "line.png")
    }

    func testThePlotArtifactKeepsItsInputTablesWithTheirColumns() throws {
        let new = try plot(slope: 2, name: "new")
        let tables = root.appendingPathComponent("tables")
        try FigureOverlay.exportInputTables(of: new, to: tables)
        let text = try String(contentsOf: tables.appendingPathComponent("data0.line.tsv"), encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").first, "# x y")
        XCTAssertEqual(text.split(separator: "\n").last, "4\t8")
    }

    func testAnArtifactThatIsNotAPlotIsNamed() throws {
        let other = root.appendingPathComponent("other.h5")
        try ArtifactFile.create(other).close()
        XCTAssertThrowsError(try FigureOverlay.figureName(of: other)) { error in
            XCTAssertTrue("\(error)".contains("is not a plot artifact"), "\(error)")
        }
    }
}
