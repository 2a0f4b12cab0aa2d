import XCTest
import Artifacts
import Pipeline
@testable import ContextualRecall

/// A temporary directory and the tiny world and model parameters every stage test runs with.
class StageFixture: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cr-stage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try FileManager.default.removeItem(at: directory) }

    let worldParams: [String: ParamValue] = [
        "subjects": .int(16), "value_counts": .list([.int(16), .int(4), .int(4)]), "grammar_tokens": .int(6),
        "grammar_length": .int(4), "blocks": .int(3), "pool": .int(30), "restarts": .int(2), "finetune_pool": .int(8),
        "icl_examples": .int(3), "grammar_ft_max": .int(2), "seed": .int(1),
    ]
    let modelParams: [String: ParamValue] = ["width": .int(16), "batch": .int(4)]

    @discardableResult
    func run(_ kind: StageKind.Type, _ values: [String: ParamValue], inputs: [String: URL] = [:], lists: [String: [URL]] = [:],
             output: String, file: String, work: String, threads: Int = 1) throws -> URL {
        let url = directory.appendingPathComponent(file)
        let context = StageContext(kind: kind, values: values, inputs: inputs.mapValues { [$0] }.merging(lists) { $1 },
                                   outputPaths: [output: url], workDirectory: directory.appendingPathComponent(work),
                                   rootDirectory: directory, threads: threads)
        try kind.run(context)
        return url
    }

    func pretrain(_ world: URL, iterations: Int, file: String, work: String, threads: Int = 1) throws -> URL {
        try run(PretrainStage.self, modelParams.merging(["iterations": .int(iterations), "checkpoint_every": .int(2)]) { $1 },
                inputs: ["world": world], output: "run", file: file, work: work, threads: threads)
    }
}
