import XCTest
import Artifacts
import Pipeline
@testable import ContextualRecall

/// The four stage kinds end to end on a tiny world and model.
final class StageTests: StageFixture {
    func testPretrainFinetuneEvaluateThroughTheStageAPI() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let pt = try pretrain(world, iterations: 6, file: "pt.h5", work: "pt")
        let ptRun = try RunArtifact.read(from: pt)
        XCTAssertEqual(ptRun.iterations, [0, 2, 4, 6])
        XCTAssertEqual(ptRun.losses.count, 3)
        XCTAssertTrue(ptRun.losses.allSatisfy { $0.isFinite && $0 > 0 })
        XCTAssertEqual(ptRun.config.context, TinyWorld.settings.modelContext)
        XCTAssertNotEqual(ptRun.checkpoint(0), ptRun.checkpoint(3))

        let ft = try run(FinetuneStage.self, modelParams.merging(["mode": .string("icl-grm"), "subjects": .int(4), "iterations": .int(3),
                                                                  "checkpoint_every": .int(2), "loss_positions": .string("attributes")]) { $1 },
                         inputs: ["world": world, "pretrain": pt], output: "run", file: "ft.h5", work: "ft")
        let ftRun = try RunArtifact.read(from: ft)
        XCTAssertEqual(ftRun.iterations, [0, 2, 3])
        XCTAssertEqual(ftRun.checkpoint(0), ptRun.checkpoint(3), "finetuning starts from the last pretraining checkpoint")
        XCTAssertEqual(ftRun.finetuneSubjects, 4)

        let metrics = try run(EvaluateStage.self, ["sequences": .int(10), "batch": .int(4), "threads": .int(1)],
                              inputs: ["world": world, "run": ft], output: "metrics", file: "metrics.h5", work: "e")
        let file = try ArtifactFile.open(metrics)
        defer { file.close() }
        for table in ["pt", "icl_seen", "icl_heldout", "grm1_seen", "grm1_heldout"] {
            let t = try file.read("tables/\(table)", as: Double.self)
            XCTAssertEqual(t.shape, [3, 1 + 4 + 4 * 3], table)
            XCTAssertEqual(try file.tableColumns(table).prefix(5), ["iteration", "exact", "type", "subject", "attribute"])
            for r in 0..<3 {
                let row = Array(t.values[(r * 17)..<((r + 1) * 17)])
                XCTAssertTrue(row[1...].allSatisfy { (0...1).contains($0) })
                XCTAssertLessThanOrEqual(row[1], min(row[2], row[3]))   // exact implies type and subject
                XCTAssertLessThanOrEqual(max(row[2], row[3]), row[4])  // every match implies attribute match
            }
        }
        let best = try file.read("tables/best", as: Double.self)
        XCTAssertEqual(Array(best.values.prefix(3)), [4, 2, 0])   // 4 subjects, icl-grm, seed 0
    }

    func testSeveralRunsGoIntoOneEvaluation() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let pt = try pretrain(world, iterations: 2, file: "pt.h5", work: "pt")
        let ft = try run(FinetuneStage.self, modelParams.merging(["subjects": .int(3), "iterations": .int(1), "seed": .int(5)]) { $1 },
                         inputs: ["world": world, "pretrain": pt], output: "run", file: "ft.h5", work: "ft")
        let evaluation: [String: ParamValue] = ["sequences": .int(6), "batch": .int(4), "threads": .int(1)]
        let both = try run(EvaluateStage.self, evaluation, inputs: ["world": world], lists: ["run": [pt, ft]], output: "metrics",
                           file: "both.h5", work: "e2")
        let single = try run(EvaluateStage.self, evaluation, inputs: ["world": world, "run": ft], output: "metrics",
                             file: "single.h5", work: "e1")
        let a = try ArtifactFile.open(both), b = try ArtifactFile.open(single)
        defer { a.close(); b.close() }
        XCTAssertEqual(try a.read("tables/icl_heldout_1", as: Double.self).values, try b.read("tables/icl_heldout", as: Double.self).values)
        XCTAssertEqual(try a.shape("tables/pt_0"), [2, 17])
        let best = try a.read("tables/best", as: Double.self)
        XCTAssertEqual(best.shape, [2, EvaluateStage.bestColumns.count])
        XCTAssertEqual(Array(best.values[0..<3]), [8, 0, 0])   // pretraining: the whole pool of 8
        XCTAssertEqual(Array(best.values[7..<10]), [3, 1, 5])
    }

    func testResumeAfterInterruptionGivesTheSameRun() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let straight = try RunArtifact.read(from: try pretrain(world, iterations: 6, file: "a.h5", work: "a"))
        // A run killed after step 4: its work directory holds snapshots 0, 2, 4 and the trainer state.
        _ = try pretrain(world, iterations: 4, file: "partial.h5", work: "b")
        // Mark a finished snapshot: a resumed run keeps it, a run that restarted from 0 would rewrite it.
        let snapshot = try ArtifactFile.open(directory.appendingPathComponent("b/snapshot-2.h5"), writable: true)
        try snapshot.setAttribute("loss", .double(-1))
        snapshot.close()
        let resumed = try RunArtifact.read(from: try pretrain(world, iterations: 6, file: "b.h5", work: "b"))
        XCTAssertEqual(resumed.iterations, straight.iterations)
        XCTAssertEqual(resumed.parameters, straight.parameters)
        XCTAssertEqual(resumed.losses.first, -1, "the resumed run must not redo finished steps")
        XCTAssertEqual(Array(resumed.losses.dropFirst()), Array(straight.losses.dropFirst()))
    }

    func testThreadCountChangesOnlyRounding() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        var runs: [RunArtifact] = []
        for threads in [1, 2] {
            let url = try run(PretrainStage.self, modelParams.merging(["iterations": .int(3), "checkpoint_every": .int(3),
                                                                       "threads": .int(threads)]) { $1 },
                              inputs: ["world": world], output: "run", file: "t\(threads).h5", work: "t\(threads)")
            runs.append(try RunArtifact.read(from: url))
        }
        // The engine splits reductions by worker, so only rounding may differ.
        let gap = zip(runs[0].parameters, runs[1].parameters).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThan(gap, 1e-5)
    }

    func testBadParametersAreTypedErrors() throws {
        XCTAssertThrowsError(try run(WorldStage.self, worldParams.merging(["finetune_pool": .int(16)]) { $1 },
                                     output: "world", file: "bad.h5", work: "w")) { error in
            guard case RecallError.parameter(_, let key, _, _)? = error as? RecallError else { return XCTFail("\(error)") }
            XCTAssertEqual(key, "finetune_pool")
        }
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let pt = try pretrain(world, iterations: 2, file: "pt.h5", work: "pt")
        XCTAssertThrowsError(try run(FinetuneStage.self, modelParams.merging(["subjects": .int(9)]) { $1 },
                                     inputs: ["world": world, "pretrain": pt], output: "run", file: "ft.h5", work: "ft"))
    }
}
