import XCTest
import Artifacts
import Pipeline
@testable import ContextualRecall

/// The four stage kinds end to end on a tiny world and model.
final class StageTests: StageFixture {
    func testPretrainFinetuneEvaluateThroughTheStageAPI() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let pt = try pretrain(world, iterations: 6, file: "pt.h5", work: "pt")
        let ptRun = try RecallRun(pt)
        XCTAssertEqual(ptRun.artifact.steps, [0, 2, 4, 6])
        XCTAssertEqual(ptRun.artifact.counts, [0, 8, 16, 24], "sequences seen, 4 per step")
        let losses = try ptRun.artifact.lossTable()
        XCTAssertEqual(losses.shape, [6, 3])
        XCTAssertTrue((0..<6).allSatisfy { losses.values[3 * $0 + 2].isFinite && losses.values[3 * $0 + 2] > 0 })
        XCTAssertEqual(ptRun.config.context, TinyWorld.settings.modelContext)
        XCTAssertNotEqual(try ptRun.artifact.parameters(at: 0), try ptRun.artifact.parameters(at: 24))

        let ft = try run(FinetuneStage.self, modelParams.merging(["mode": .string("icl-grm"), "subjects": .int(4), "iterations": .int(4),
                                                                  "checkpoint_every": .int(2), "loss_positions": .string("attributes")]) { $1 },
                         inputs: ["world": world, "pretrain": pt], output: "run", file: "ft.h5", work: "ft")
        let ftRun = try RecallRun(ft)
        XCTAssertEqual(ftRun.artifact.steps, [0, 2, 4])
        XCTAssertEqual(try ftRun.artifact.parameters(at: 0), try ptRun.artifact.parameters(at: 24),
                       "finetuning starts from the last pretraining checkpoint")
        XCTAssertEqual(ftRun.finetuneSubjects, 4)

        let metrics = try run(EvaluateStage.self, ["sequences": .int(10), "batch": .int(4)],
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
        let ft = try run(FinetuneStage.self, modelParams.merging(["subjects": .int(3), "iterations": .int(1), "checkpoint_every": .int(1), "seed": .int(5)]) { $1 },
                         inputs: ["world": world, "pretrain": pt], output: "run", file: "ft.h5", work: "ft")
        let evaluation: [String: ParamValue] = ["sequences": .int(6), "batch": .int(4)]
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

    /// A run killed after step 4 leaves its work directory as a shorter run to step 4 does; the
    /// rerun resumes there and writes the same bytes as an uninterrupted run.
    func testResumeAfterInterruptionGivesTheSameRun() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let straight = try pretrain(world, iterations: 6, file: "a.h5", work: "a")
        _ = try pretrain(world, iterations: 4, file: "partial.h5", work: "b")
        let resumed = try pretrain(world, iterations: 6, file: "b.h5", work: "b", threads: 2)
        XCTAssertEqual(try Data(contentsOf: resumed), try Data(contentsOf: straight))
    }

    func testOneAndTwoThreadsWriteIdenticalArtifacts() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let one = try pretrain(world, iterations: 4, file: "t1.h5", work: "t1", threads: 1)
        let two = try pretrain(world, iterations: 4, file: "t2.h5", work: "t2", threads: 2)
        XCTAssertEqual(try Data(contentsOf: one), try Data(contentsOf: two))
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

/// `cr.represent` on a tiny finetuned model: the shapes and ranges of its tables.
final class RepresentStageTests: StageFixture {
    func testClusteringCosinesAndSteeringTables() throws {
        let world = try run(WorldStage.self, worldParams, output: "world", file: "world.h5", work: "w")
        let pt = try pretrain(world, iterations: 2, file: "pt.h5", work: "pt")
        let ft = try run(FinetuneStage.self, modelParams.merging(["subjects": .int(4), "iterations": .int(2), "checkpoint_every": .int(1)]) { $1 },
                         inputs: ["world": world, "pretrain": pt], output: "run", file: "ft.h5", work: "ft")
        let out = try run(RepresentStage.self, ["per_type": .int(3), "betas": .list([.double(0), .double(0.5), .double(1)])],
                          inputs: ["world": world, "run": ft], output: "representations", file: "r.h5", work: "r")
        let file = try ArtifactFile.open(out)
        defer { file.close() }
        let N = TinyWorld.settings.iclExamples, L = TinyWorld.settings.types
        let clustering = try file.tableRows("clustering")
        XCTAssertEqual(try file.tableColumns("clustering"), ["t", "accuracy", "l1_attention", "l1_block", "l2_attention", "l2_block"])
        XCTAssertEqual(clustering.map { $0[0] }, (0...N).map(Double.init))
        for row in clustering {
            XCTAssertTrue((0...1).contains(row[1]))
            XCTAssertTrue(row[2...].allSatisfy { (-1...1).contains($0) }, "\(row)")
        }
        let cosine = try file.tableRows("cosine")
        XCTAssertEqual(cosine.count, (N + 1) * L * L)
        for row in cosine {
            XCTAssertTrue((-1.000001...1.000001).contains(row[3]))
            let mirror = cosine.first { $0[0] == row[0] && $0[1] == row[2] && $0[2] == row[1] }!
            XCTAssertEqual(mirror[3], row[3], accuracy: 1e-9, "C̄ is symmetric")
        }
        let steering = try file.tableRows("steering")
        XCTAssertEqual(steering.count, 2 * L * 3)
        let V = Double(TinyWorld.settings.vocabulary.size)
        XCTAssertTrue(steering.allSatisfy { (1...V).contains($0[3]) && (1...V).contains($0[4]) })
        XCTAssertEqual(try file.tableRows("setting"), [[try file.requiredDouble("div_row_mean")]])

        // Finding 5's facts: the last attention site's silhouette at the ends of t, and the
        // first β at which the target outranks the original (null unless every type gets there).
        let report = try RecallSummary.report(.init(representations: [("low", out)]))
        XCTAssertEqual(report.value(at: "representations.low.silhouette.first"), .double(clustering.first![4]))
        XCTAssertEqual(report.value(at: "representations.low.silhouette.last"), .double(clustering.last![4]))
        XCTAssertEqual(report.value(at: "representations.low.accuracy.last"), .double(clustering.last![1]))
        let crossings = (0..<L).map { t in steering.filter { $0[1] == Double(t) && $0[2] == 0 }.sorted { $0[0] < $1[0] }.first { $0[4] < $0[3] }?[0] }
        let expected: JSONValue = crossings.contains(nil) ? .null : .double(crossings.map { $0! }.reduce(0, +) / Double(L))
        XCTAssertEqual(report.value(at: "representations.low.steer_beta.seen"), expected)
    }
}
