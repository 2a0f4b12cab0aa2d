import XCTest
import Artifacts
import Pipeline
import Transformer
@testable import ContextualRecall

/// Paper 002 §4's three stage kinds end to end on a tiny world and model.
final class RelationStageTests: StageFixture {
    private let relationWorld: [String: ParamValue] = [
        "subjects": .int(16), "value_counts": .list([.int(4), .int(4), .int(4)]), "grammar_tokens": .int(6),
        "grammar_length": .int(4), "blocks": .int(3), "finetune_pool": .int(8), "seed": .int(3),
    ]

    func testWorldPretrainFinetuneAnalyze() throws {
        let worldURL = try run(RelationWorldStage.self, relationWorld, output: "world", file: "world.h5", work: "w")
        let world = try RelationWorld.read(from: worldURL)
        XCTAssertEqual(world.size, 16 + 12 + 6 + 1 + 3)
        XCTAssertEqual(world.pretrainingTokens, 21)
        XCTAssertEqual(world, RelationWorld(subjects: 16, valueCounts: [4, 4, 4], grammarTokens: 6, grammarLength: 4, blocks: 3,
                                            finetunePool: 8, seed: 3), "the artifact holds the world")

        let small: [String: ParamValue] = ["head_size": .int(8), "batch": .int(4), "checkpoint_every": .int(2)]
        let pt = try run(RelationTrainStage.self, small.merging(["iterations": .int(4)]) { $1 },
                         inputs: ["world": worldURL], output: "run", file: "pt.h5", work: "pt")
        let ptRun = try RelationRun(pt)
        XCTAssertEqual(ptRun.artifact.steps, [0, 2, 4])
        XCTAssertEqual(ptRun.config, OneHotAttentionConfig(vocabulary: world.size, context: 20, heads: 3, headSize: 8, positions: .relative))
        XCTAssertNotEqual(try ptRun.artifact.parameters(at: 0), try ptRun.artifact.parameters(at: 16))

        let ft = try run(RelationTrainStage.self, small.merging(["mode": .string("finetune"), "subjects": .int(4), "iterations": .int(2)]) { $1 },
                         inputs: ["world": worldURL, "from": pt], output: "run", file: "ft.h5", work: "ft")
        let ftRun = try RelationRun(ft)
        XCTAssertEqual(try ftRun.artifact.parameters(at: 0), try ptRun.artifact.parameters(at: 16),
                       "finetuning starts from the last pretraining checkpoint")
        XCTAssertEqual(ftRun.finetuneSubjects, world.finetuneSubjects.prefix(4).map { $0 }, "unique_values 0 takes the first subjects of the pool")
        XCTAssertEqual(ftRun.uniqueValuesSeen, FinetuneSubjectChoice.uniqueValuesPerType(world, subjects: ftRun.finetuneSubjects))

        let analysis = try run(RelationAnalyzeStage.self, ["sequences": .int(10), "batch": .int(4)],
                               inputs: ["world": worldURL, "pretrain": pt, "finetune": ft], output: "analysis", file: "a.h5", work: "a")
        let file = try ArtifactFile.open(analysis)
        defer { file.close() }
        // Attention rows are distributions over the keys up to the query.
        let attention = try file.tableRows("pt_attention")
        XCTAssertEqual(attention.count, 3 * 20 * 20)
        for h in 0..<3 {
            for t in 0..<20 {
                let row = attention[(h * 20 + t) * 20..<((h * 20 + t) * 20 + 20)]
                XCTAssertEqual(row.reduce(0) { $0 + $1[3] }, 1, accuracy: 1e-5)
                XCTAssertTrue(row.allSatisfy { $0[2] <= $0[1] || $0[3] == 0 }, "causal")
            }
        }
        XCTAssertEqual(try file.tableRows("ft_attention").count, 3 * 17 * 17)
        XCTAssertEqual(try file.tableRows("ov_pt").count, 3 * RelationAnalyzeStage.sliceTokens(world).count * RelationAnalyzeStage.sliceTokens(world).count)
        let cosines = try file.tableRows("cosines")
        XCTAssertEqual(cosines.count, 3)
        XCTAssertTrue(cosines.allSatisfy { $0[1...].allSatisfy { (-1.0...1.0).contains($0) } })
        for table in ["ft_seen", "ft_heldout"] {
            let rows = try file.tableRows(table)
            XCTAssertEqual(rows.map { $0[0] }, [0, 2], table)
            for row in rows {
                XCTAssertLessThanOrEqual(row[1], min(row[2], row[3]))
                XCTAssertLessThanOrEqual(max(row[2], row[3]), row[4])
            }
        }
        XCTAssertEqual(try file.tableRows("setting"), [[0, 4]])
        XCTAssertEqual(RelationAnalyzeStage.sliceTokens(world).count, 8 + 4 + 4 + 4 + 1 + 3)
    }

    /// Figs. 13 and 14: finetuning runs with greedily chosen subjects, and the sweep table.
    func testSweepOverDistinctValues() throws {
        let worldURL = try run(RelationWorldStage.self, relationWorld, output: "world", file: "world.h5", work: "w")
        let world = try RelationWorld.read(from: worldURL)
        let small: [String: ParamValue] = ["head_size": .int(8), "batch": .int(4), "checkpoint_every": .int(1)]
        let pt = try run(RelationTrainStage.self, small.merging(["iterations": .int(2)]) { $1 },
                         inputs: ["world": worldURL], output: "run", file: "pt.h5", work: "pt")
        var finetunes: [URL] = []
        for (i, target) in [1, 4].enumerated() {
            let ft = try run(RelationTrainStage.self, small.merging(["mode": .string("finetune"), "subjects": .int(4), "iterations": .int(2),
                                                                     "unique_values": .int(target)]) { $1 },
                             inputs: ["world": worldURL, "from": pt], output: "run", file: "ft\(i).h5", work: "ft\(i)")
            let ftRun = try RelationRun(ft)
            XCTAssertEqual(ftRun.finetuneSubjects, FinetuneSubjectChoice.greedy(world, count: 4, uniqueValues: Double(target)))
            XCTAssertEqual(ftRun.uniqueValuesSeen, FinetuneSubjectChoice.uniqueValuesPerType(world, subjects: ftRun.finetuneSubjects))
            finetunes.append(ft)
        }
        let sweep = try run(RelationSweepStage.self, ["sequences": .int(8), "batch": .int(4), "curve_subjects": .int(4)],
                            inputs: ["world": worldURL, "pretrain": pt], lists: ["finetune": finetunes], output: "sweep", file: "s.h5", work: "s")
        let file = try ArtifactFile.open(sweep)
        defer { file.close() }
        let heldOut = try file.tableRows("heldout")
        XCTAssertEqual(heldOut.count, 2)
        XCTAssertEqual(heldOut.map { $0[0] }, [4, 4])
        XCTAssertLessThan(heldOut[0][1], heldOut[1][1], "rows sorted by distinct values; target 1 holds fewer than target 4")
        XCTAssertEqual(try file.tableRows("curve").map { $0[0] }, [0, 1, 2])
        XCTAssertEqual(try file.tableRows("pt_cosines").count, 3)
        XCTAssertEqual(try file.tableRows("setting"), [[16, 4, heldOut[1][1]]], "the curve is the run with the most distinct values")

        let report = try RelationSummary.report([], sweeps: [("values", sweep)])
        XCTAssertEqual(report.value(at: "values.pt_subjects"), .int(16))
        XCTAssertEqual(report.value(at: "values.fewer_subjects.subjects"), .int(4))
        XCTAssertEqual(report.value(at: "values.more_subjects.fewest.unique_seen"), .double(heldOut[0][1]))
        XCTAssertEqual(report.value(at: "values.more_subjects.most.exact"), .double(heldOut[1][2]))
        XCTAssertEqual(report.value(at: "values.mean_exact"), .double((heldOut[0][2] + heldOut[1][2]) / 2))
        XCTAssertEqual(report.value(at: "values.curve.unique_seen"), .double(heldOut[1][1]))

        XCTAssertThrowsError(try run(RelationSweepStage.self, ["curve_subjects": .int(5)],
                                     inputs: ["world": worldURL, "pretrain": pt], lists: ["finetune": finetunes], output: "sweep", file: "s2.h5", work: "s2")) {
            XCTAssertTrue("\($0)".contains("curve_subjects"), "\($0)")
        }
    }
}
