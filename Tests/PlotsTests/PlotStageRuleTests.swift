import Foundation
import XCTest
@testable import Plots
@testable import Pipeline

/// A figure name is a plain file name: `figure: ../../../x` or `figure: ""` cannot write
/// outside figures/ or hidden files; the plan refuses them with their line.
final class PlotStageRuleTests: XCTestCase {
    enum Tables: StageKind {
        static let name = "test.tables"
        static let version = 1
        static let summary = "no tables"
        static let parameters: [ParamSpec] = []
        static let inputs: [InputSpec] = []
        static let outputs = ["tables"]
        static func run(_ context: StageContext) throws {}
    }

    func testFigureNamesMustBePlain() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plotrule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "plot x\n".write(to: dir.appendingPathComponent("s.gp"), atomically: true, encoding: .utf8)
        let source = "stages:\n  t:\n    uses: test.tables\n"
        var loader = PipelineLoader(registry: StageRegistry([PlotStage.self, Tables.self]))
        loader.root = dir
        for bad in ["../../../x", "", ".hidden", "sub/dir"] {
            let spec = try loader.parse(source + "  fig:\n    uses: plot\n    needs: { data: t }\n    params: { script: s.gp, figure: \"\(bad)\" }\n")
            XCTAssertThrowsError(try Plan(spec, profile: "default")) { error in
                XCTAssertTrue("\(error)".hasPrefix("pipeline.yaml:7: stage fig: figure = \"\(bad)\" must be a plain file name"), "\(error)")
            }
        }
        XCTAssertNoThrow(try Plan(try loader.parse(source + "  fig:\n    uses: plot\n    needs: { data: t }\n    params: { script: s.gp, figure: fig03 }\n"),
                                  profile: "default"))
    }
}
