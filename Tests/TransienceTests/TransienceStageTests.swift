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
}
