import Plots
import XCTest
import Foundation
@testable import Coopetition

/// Renders each figure script against tables exported as the plot stage would
/// (`<input><i>.<table>.tsv`, header `# <columns>`) and fails on any gnuplot error or warning.
final class FigureScriptTests: XCTestCase {
    static let figures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("figures")
    var directory: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") else { throw XCTSkip("gnuplot not installed") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coop-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func writeTable(_ name: String, columns: [String], values: [Double]) throws {
        var text = "# " + columns.joined(separator: " ") + "\n"
        for row in stride(from: 0, to: values.count, by: columns.count) {
            text += values[row..<(row + columns.count)].map { "\($0)" }.joined(separator: "\t") + "\n"
        }
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func writeCoopRuns(_ input: String, mu1: Double, seeds: [Int]) throws {
        for (i, seed) in seeds.enumerated() {
            let run = CoopetitionSimulation.run(CoopetitionSettings(mu1: mu1), seed: seed, iterations: 4000, recordEvery: 20)
            try writeTable("\(input)\(i).loss.tsv", columns: CoopetitionRun.columns, values: run.table)
            try writeTable("\(input)\(i).summary.tsv", columns: CoopetitionRun.summaryColumns, values: run.summaryRow)
        }
    }

    func render(_ script: String) throws {
        let png = directory.appendingPathComponent(script + ".png")
        let warnings = try Gnuplot.render(script: FigureScriptTests.figures.appendingPathComponent(script), datadir: directory,
                                          profile: "test", format: .png, output: png)
        XCTAssertEqual(warnings, "", script)
        let size = (try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 10_000, script)
    }

    func testCoopetitionFigures() throws {
        try writeCoopRuns("data", mu1: 0.1, seeds: [9])
        try render("fig-coop-05a.gp")
        try writeCoopRuns("data", mu1: 0.1, seeds: [2, 3, 7])
        try render("fig-coop-16.gp")
        try writeCoopRuns("data", mu1: 0, seeds: [2, 3, 7])
        try render("fig-coop-17.gp")
    }

    func testPhaseChangeFigures() throws {
        for (i, mode) in [ClampMode.none, .c, .bc].enumerated() {
            let run = PhaseChangeSimulation.run(seed: 3, iterations: 1000, clamp: mode, recordEvery: 5)
            try writeTable("data\(i).loss.tsv", columns: PhaseChangeRun.columns, values: run.table)
        }
        try render("fig-phase-4-6a.gp")
        try render("fig-phase-4-7.gp")
    }
}
