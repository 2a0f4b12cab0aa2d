import Plots
import XCTest
import Artifacts
import Foundation
import Pipeline
@testable import ContextualRecall

/// Renders each cr figure script against the tables of real (tiny) cr.evaluate artifacts,
/// exported as the plot stage does (`data<i>.<table>.tsv`, header `# <columns>`), and fails on
/// any gnuplot error or warning.
final class FigureScriptTests: StageFixture {
    static let figures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("figures")

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") else { throw XCTSkip("gnuplot not installed") }
        try super.setUpWithError()
    }

    private func export(_ metrics: URL, index: Int, into folder: URL) throws {
        let file = try ArtifactFile.open(metrics)
        defer { file.close() }
        for path in try file.datasetPaths() {
            guard let name = FigureTable.name(ofDataset: path) else { continue }
            let columns = try file.tableColumns(name)
            let values = try file.read(path, as: Double.self).values
            var text = "# " + columns.joined(separator: " ") + "\n"
            for row in stride(from: 0, to: values.count, by: columns.count) {
                text += values[row..<(row + columns.count)].map { "\($0)" }.joined(separator: "\t") + "\n"
            }
            try text.write(to: folder.appendingPathComponent("data\(index).\(name).tsv"), atomically: true, encoding: .utf8)
        }
    }

    private func render(_ script: String, _ data: URL) throws {
        let png = directory.appendingPathComponent(script + ".png")
        let warnings = try Gnuplot.render(script: Self.figures.appendingPathComponent(script), datadir: data,
                                          profile: "test", format: .png, output: png)
        XCTAssertEqual(warnings, "", script)
        let size = (try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 10_000, script)
    }

    private func folder(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testFigureScriptsRenderRealEvaluations() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let pt = try pretrain(world, iterations: 4, file: "pt.h5", work: "pt")
        let evaluation: [String: ParamValue] = ["sequences": .int(8), "batch": .int(4), "threads": .int(1)]
        let ptMetrics = try run(EvaluateStage.self, evaluation, inputs: ["world": world, "run": pt], output: "metrics",
                                file: "pt-metrics.h5", work: "e")
        let single = try folder("single")
        try export(ptMetrics, index: 0, into: single)
        try render("fig-cr-02.gp", single)
        var sweep: [URL] = []
        for mode in ["icl", "icl-grm"] {
            for subjects in [2, 4] {
                let tag = "\(mode)-\(subjects)"
                let ft = try run(FinetuneStage.self, modelParams.merging(["mode": .string(mode), "subjects": .int(subjects),
                                                                          "iterations": .int(2), "checkpoint_every": .int(1)]) { $1 },
                                 inputs: ["world": world, "pretrain": pt], output: "run", file: "ft-\(tag).h5", work: "ft-\(tag)")
                sweep.append(try run(EvaluateStage.self, evaluation, inputs: ["world": world, "run": ft], output: "metrics",
                                     file: "metrics-\(tag).h5", work: "e-\(tag)"))
            }
        }
        let iclRun = try folder("icl"), grmRun = try folder("grm"), all = try folder("all")
        try export(sweep[1], index: 0, into: iclRun)
        try render("fig-cr-03.gp", iclRun)
        try export(sweep[3], index: 0, into: grmRun)
        try render("fig-cr-04.gp", grmRun)
        try render("fig-cr-15.gp", grmRun)
        // Fig. 5 gets the sweep as the pipeline delivers it: one evaluation of every run.
        let finetunes = (0..<4).map { directory.appendingPathComponent("ft-\(["icl", "icl-grm"][$0 / 2])-\([2, 4][$0 % 2]).h5") }
        let sweepMetrics = try run(EvaluateStage.self, evaluation, inputs: ["world": world], lists: ["run": finetunes],
                                   output: "metrics", file: "sweep-metrics.h5", work: "e-sweep")
        try export(sweepMetrics, index: 0, into: all)
        try render("fig-cr-05.gp", all)
    }
}
