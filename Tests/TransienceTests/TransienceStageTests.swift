import XCTest
import Artifacts
import Pipeline
import Transformer
@testable import Transience

/// transience.world -> transience.train -> transience.evaluate on a tiny world.
final class TransienceStageTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("transience-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(at: directory) }

    func run(_ kind: StageKind.Type, _ values: [String: ParamValue], inputs: [String: [URL]] = [:], output: String, file: String) throws -> URL {
        let url = directory.appendingPathComponent(file), work = directory.appendingPathComponent(file + ".work")
        try kind.run(StageContext(kind: kind, values: values, inputs: inputs, outputPaths: [output: url],
                                  workDirectory: work, rootDirectory: directory))
        return url
    }

    func testWorldTrainAndEvaluateProduceEveryEvaluatorAtEveryCheckpoint() throws {
        let world = try run(WorldStage.self, ["classes": .int(12), "exemplars": .int(4), "exemplar_size": .int(8), "spread": .double(0.5)],
                            output: "world", file: "world.h5")
        let read = try ClassWorld.read(from: world)
        XCTAssertEqual(read.settings, .init(classes: 12, exemplarsPerClass: 4, exemplarSize: 8, spread: 0.5))
        XCTAssertEqual(read.exemplars, ClassWorld(settings: read.settings, seed: 0).exemplars)
        var runs: [URL] = []
        for data in ["train", "matched"] {
            runs.append(try run(TrainStage.self, ["width": .int(16), "heads": .int(2), "sequences": .int(96), "batch": .int(8),
                                                  "checkpoint_every": .int(48), "lr": .double(1e-3), "data": .string(data)],
                                inputs: ["world": [world]], output: "run", file: "run-\(data).h5"))
        }
        let metrics = try run(EvaluateStage.self, ["sequences": .int(40), "batch": .int(16)], inputs: ["world": [world], "run": runs],
                              output: "metrics", file: "metrics.h5")
        let file = try ArtifactFile.open(metrics)
        defer { file.close() }
        for i in 0..<2 {
            XCTAssertEqual(try file.tableColumns("curves_\(i)"), EvaluateStage.columns)
            let table = try file.readTable("curves_\(i)")
            XCTAssertEqual(table.shape, [3, EvaluateStage.columns.count])
            XCTAssertEqual((0..<3).map { table.values[$0 * table.shape[1]] }, [0, 48, 96])
            for r in 0..<3 {
                for c in 1...5 { XCTAssertTrue((0...1).contains(table.values[r * table.shape[1] + c]), "accuracy column \(c)") }
                for c in 6...10 { XCTAssertGreaterThan(table.values[r * table.shape[1] + c], 0, "loss column \(c)") }
            }
        }
        let run = try ArtifactFile.open(runs[0])
        defer { run.close() }
        let config = try AttentionOnlyConfig(attributesOf: run)
        XCTAssertEqual(config.readout, .last)
        XCTAssertTrue(config.unembeddingBias)
        XCTAssertEqual(config.labels, 12)
    }

    /// The frozen-part analyses splice tensors between checkpoints: where the donor is the
    /// checkpoint itself (the last one for Fig. 3b, the freezing point for Fig. 3c) they must
    /// equal the plain evaluation of that checkpoint on the same sequences.
    func testAnalyzeSplicesCheckpointsAndMatchesThePlainEvaluationWhereTheDonorIsTheCheckpoint() throws {
        let world = try run(WorldStage.self, ["classes": .int(12), "exemplars": .int(4), "exemplar_size": .int(8), "spread": .double(0.5)],
                            output: "world", file: "world.h5")
        let trained = try run(TrainStage.self, ["width": .int(16), "heads": .int(2), "sequences": .int(128), "batch": .int(8),
                                                "checkpoint_every": .int(32), "lr": .double(3e-3)],
                              inputs: ["world": [world]], output: "run", file: "run.h5")
        let n = 48
        let metrics = try run(EvaluateStage.self, ["sequences": .int(n), "batch": .int(16)], inputs: ["world": [world], "run": [trained]],
                              output: "metrics", file: "metrics.h5")
        let analysis = try run(AnalyzeStage.self, ["sequences": .int(n), "checkpoint_sequences": .int(n), "batch": .int(16), "deltas": .int(3),
                                                   "freeze_at": .list([.double(0.5)])],
                               inputs: ["world": [world], "run": [trained]], output: "analysis", file: "analysis.h5")
        let m = try ArtifactFile.open(metrics), a = try ArtifactFile.open(analysis)
        defer { m.close(); a.close() }
        let curves = try m.tableRows("curves")
        let column = { (name: String) in EvaluateStage.columns.firstIndex(of: name)! }
        func plain(_ row: [Double]) -> [Double] { [row[0]] + TransienceProbes.frozenSets.map { row[column("\($0.rawValue)_accuracy")] } }

        let late = try a.tableRows("frozen_late")
        XCTAssertEqual(late.map { $0[0] }, [0, 32, 64, 96, 128])
        XCTAssertEqual(late.last!, plain(curves.last!))
        XCTAssertEqual(try a.requiredString("frozen_early_counts"), "64")
        let early = try a.tableRows("frozen_early_0")
        XCTAssertEqual(early.map { $0[0] }, [64, 96, 128])
        XCTAssertEqual(early.first!, plain(curves[2]))

        let ablations = try a.tableRows("ablations")[0], ablationColumns = try a.tableColumns("ablations")
        XCTAssertEqual(ablationColumns, ["plain", "all_heads_ablated", "no_embedding_to_readout", "no_l1_to_readout",
                                         "no_l1_to_l2_v", "no_l1_to_l2_k", "no_l1_to_l2_q"])
        XCTAssertEqual(ablations[0], curves.last![column("ciwl_accuracy")])

        for row in try a.tableRows("attention") {
            XCTAssertEqual(row[1...5].reduce(0, +), 1, accuracy: 1e-5, "query row with the label at position 2 of head \(row[0])")
            XCTAssertEqual(row[6...10].reduce(0, +), 1, accuracy: 1e-5, "query row with the label at position 4 of head \(row[0])")
        }
        XCTAssertEqual(try a.tableRows("delta").map { $0[0] }, [-1, 0, 1])
        XCTAssertEqual(try a.tableRows("strength").count, 5)

        // The splice itself: L2, ln_f and the unembedding from the end, the rest from the start.
        let artifact = try TrainingRunArtifact(trained)
        let runFile = try ArtifactFile.open(trained)
        defer { runFile.close() }
        let config = try AttentionOnlyConfig(attributesOf: runFile)
        let model = try AttentionOnlyModel(config: config, seed: 0)
        let start = try artifact.parameters(at: 0), end = try artifact.parameters(at: 128)
        try model.setParameters(start)
        let probes = TransienceProbes(config: config)
        probes.splice(end, into: model, where: probes.isLateTensor)
        var spliced = 0
        for t in model.parameterTensors {
            let donor = probes.isLateTensor(t.name) ? end : start
            XCTAssertEqual(Array(model.values(of: t)), Array(donor[t.offset..<(t.offset + t.count)]), t.name)
            if probes.isLateTensor(t.name) { spliced += 1; XCTAssertNotEqual(start[t.offset..<(t.offset + t.count)], end[t.offset..<(t.offset + t.count)]) }
        }
        XCTAssertEqual(spliced, 6 + 2 + 2, "layers.1: ln weight and bias, q, k, v, o; ln_f weight and bias; unembedding weight and bias")
    }
}
