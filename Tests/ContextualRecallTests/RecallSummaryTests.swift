import XCTest
import Artifacts
import Pipeline
@testable import ContextualRecall

/// `toyworld summary cr` prints what the evaluation artifacts hold, and names a wrong artifact.
final class RecallSummaryTests: StageFixture {
    func testSummaryPrintsTheEvaluatedNumbers() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let pt = try pretrain(world, iterations: 4, file: "pt.h5", work: "pt")
        let ft = try run(FinetuneStage.self, modelParams.merging(["subjects": .int(3), "iterations": .int(2), "checkpoint_every": .int(1)]) { $1 },
                         inputs: ["world": world, "pretrain": pt], output: "run", file: "ft.h5", work: "ft")
        let evaluation: [String: ParamValue] = ["sequences": .int(8), "batch": .int(4), "threads": .int(1)]
        let single = try run(EvaluateStage.self, evaluation, inputs: ["world": world, "run": pt], output: "metrics",
                             file: "pt-eval.h5", work: "e1")
        let sweep = try run(EvaluateStage.self, evaluation, inputs: ["world": world], lists: ["run": [pt, ft]],
                            output: "metrics", file: "sweep-eval.h5", work: "e2")

        let report = try RecallSummary.report(.init(pretrain: single, sweeps: [("the-sweep", sweep)]))
        let lines = report.lines
        let file = try ArtifactFile.open(single)
        let heldOut = try file.readTable("icl_heldout")
        file.close()
        let columns = heldOut.shape[1], last = heldOut.shape[0] - 1
        let expected = "  ICL held-out          it 4       "
            + (1...4).map { String(format: "%-10.3f", heldOut.values[last * columns + $0]) }.joined()
        XCTAssertTrue(lines.contains(expected), "\(lines)")
        for (i, metric) in RecallMetrics.names.enumerated() {
            XCTAssertEqual(report.value(at: "pretrain.icl_heldout.last.\(metric)"), .double(heldOut.values[last * columns + 1 + i]), metric)
        }
        XCTAssertEqual(report.value(at: "pretrain.icl_heldout.last.iteration"), .int(4))
        guard case .array(let sweepRuns)? = report.value(at: "sweeps.the-sweep") else { return XCTFail("no sweep facts") }
        XCTAssertEqual(sweepRuns.count, 2)
        XCTAssertNil(report.value(at: "finetune_icl"), "no ICL finetuning evaluation was given")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Finding 1") })
        XCTAssertFalse(lines.contains { $0.hasPrefix("Finding 2") }, "no ICL finetuning evaluation was given")
        XCTAssertTrue(lines.contains("Fig. 5, best ICL held-out value over the finetuning checkpoints (the-sweep)"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("  pretrain         8     0  ") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  icl              3     0  ") }, "\(lines)")

        XCTAssertThrowsError(try RecallSummary.report(.init(pretrain: sweep))) { error in
            XCTAssertTrue("\(error)".contains("sweep-eval.h5"), "\(error)")
            XCTAssertTrue("\(error)".contains("no table pt"), "\(error)")
        }
    }

    /// A grid's cells are named by their place in it, each name once: the paper profile's Fig. 7
    /// has four M values, so two inner ones.
    func testGridCellsGetOneNameEach() throws {
        func grid(_ rows: [[Double]], _ name: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            let file = try ArtifactFile.create(url)
            try file.writeTable("cells", columns: GridStage.columns, rows: rows)
            file.close()
            return url
        }
        let cells = [64.0, 128, 256, 512].map { m in [m, 80, 0.3, 0.2, m / 1000, 0.5, 0, 0, 0.8] }
        let report = try RecallSummary.report(.init(grids: [("fig7", try grid(cells, "m4.h5"))]))
        for (name, m) in [("m_low", 64), ("m_mid", 128), ("m_mid2", 256), ("m_high", 512)] {
            XCTAssertEqual(report.value(at: "grids.fig7.\(name)_d3.icl_exact"), .double(Double(m) / 1000), name)
        }
        XCTAssertThrowsError(try RecallSummary.report(.init(grids: [("fig7", try grid([cells[0], cells[0]], "twice.h5"))]))) {
            XCTAssertTrue("\($0)".contains("twice.h5: holds two cells named d3"), "\($0)")
        }
    }
}
