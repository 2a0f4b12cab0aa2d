import XCTest
import Artifacts
import Pipeline
@testable import ContextualRecall

/// `cr.grid`: one row per sweep cell, read from each cell's evaluation.
final class GridStageTests: StageFixture {
    /// One cell's runs at training seed `seed`: its pretraining, ICL and ICL+Grm finetuning, and
    /// their evaluation.
    private func cell(_ world: URL, seed: Int) throws -> (runs: [URL], evaluation: URL) {
        let model = modelParams.merging(["seed": .int(seed)]) { $1 }
        let pt = try run(PretrainStage.self, model.merging(["iterations": .int(2), "checkpoint_every": .int(2)]) { $1 },
                         inputs: ["world": world], output: "run", file: "pt\(seed).h5", work: "pt\(seed)")
        var runs = [pt]
        for mode in ["icl", "icl-grm"] {
            runs.append(try run(FinetuneStage.self, model.merging(["mode": .string(mode), "subjects": .int(3), "iterations": .int(1),
                                                                   "checkpoint_every": .int(1)]) { $1 },
                                inputs: ["world": world, "pretrain": pt], output: "run", file: "\(mode)\(seed).h5", work: "\(mode)\(seed)"))
        }
        let evaluation = try run(EvaluateStage.self, ["sequences": .int(6), "batch": .int(4)], inputs: ["world": world], lists: ["run": runs],
                                 output: "metrics", file: "eval\(seed).h5", work: "e\(seed)")
        return (runs, evaluation)
    }

    func testOneRowPerCellFromItsEvaluation() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let (runs, evaluation) = try cell(world, seed: 0)
        let pt = runs[0]
        let grid = try run(GridStage.self, [:], lists: ["cell": [evaluation], "world": [world]], output: "grid", file: "grid.h5", work: "g")

        let e = try ArtifactFile.open(evaluation), g = try ArtifactFile.open(grid)
        defer { e.close(); g.close() }
        let cells = try NamedTable(g, "cells")
        XCTAssertEqual(cells.columns, GridStage.columns)
        XCTAssertEqual(cells.rows.count, 1)
        let row = cells.rows[0], best = try NamedTable(e, "best")
        let settings = try RecallWorld.read(from: world)
        XCTAssertEqual(Array(row[0..<3]), [Double(settings.settings.subjects), Double(settings.settings.grammarLength), settings.div.rowMean])
        XCTAssertEqual(row[3], try NamedTable(e, "pt_0").column("exact").last, "PT exact at the pretraining's last checkpoint")
        XCTAssertEqual(Array(row[4..<8]), [best.rows[1][3], best.rows[1][4], best.rows[2][3], best.rows[2][4]],
                       "best held-out ICL exact and type after ICL, then after ICL+Grm finetuning")
        XCTAssertEqual(row[8], TypeInference.bayesAccuracy(chains: settings.typeChains, grammarLength: settings.settings.grammarLength,
                                                           samplesPerType: GridStage.ceilingSamples, seed: 0), "the PT ceiling of the cell's world")

        XCTAssertThrowsError(try run(GridStage.self, [:], lists: ["cell": [evaluation], "world": []], output: "grid", file: "grid3.h5", work: "g3")) {
            XCTAssertTrue("\($0)".contains("1 cells but 0 worlds"), "\($0)")
        }
        let otherWorld = try run(WorldStage.self, worldParams.merging(["grammar_length": .int(5)]) { $1 }, output: "world", file: "world2.h5", work: "w2")
        XCTAssertThrowsError(try run(GridStage.self, [:], lists: ["cell": [evaluation], "world": [otherWorld]], output: "grid", file: "grid4.h5", work: "g4")) {
            XCTAssertTrue("\($0)".contains("world2.h5, listed beside it"), "\($0)")
        }

        let incomplete = try run(EvaluateStage.self, ["sequences": .int(6), "batch": .int(4)], inputs: ["world": world], lists: ["run": [pt, runs[1]]],
                                 output: "metrics", file: "eval2.h5", work: "e2")
        XCTAssertThrowsError(try run(GridStage.self, [:], lists: ["cell": [incomplete], "world": [world]], output: "grid", file: "grid2.h5", work: "g2")) {
            XCTAssertTrue("\($0)".contains("icl-grm"), "\($0)")
        }
    }

    func testCellsOfOneWorldMakeOneRowTheirMean() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let seeds = try [1, 2].map { try cell(world, seed: $0).evaluation }
        func rows(_ cells: [URL], _ file: String) throws -> [[Double]] {
            let url = try run(GridStage.self, [:], lists: ["cell": cells, "world": Array(repeating: world, count: cells.count)],
                              output: "grid", file: file, work: file)
            let g = try ArtifactFile.open(url)
            defer { g.close() }
            return try NamedTable(g, "cells").rows
        }
        let one = try rows([seeds[0]], "g1.h5")[0], other = try rows([seeds[1]], "g2.h5")[0]
        XCTAssertNotEqual(Array(one[3..<8]), Array(other[3..<8]), "two seeds should measure differently, or the mean tests nothing")
        let both = try rows(seeds, "g12.h5")
        XCTAssertEqual(both.count, 1)
        XCTAssertEqual(Array(both[0][0..<3]), Array(one[0..<3]))
        for column in 3..<8 { XCTAssertEqual(both[0][column], (one[column] + other[column]) / 2, accuracy: 1e-15, GridStage.columns[column]) }
        XCTAssertEqual(both[0][8], one[8], "the ceiling is the world's")
    }
}
