import Foundation
import Pipeline
@testable import LinearSystems

/// Runs stage kinds the way the engine does, in a temporary directory: parameters completed
/// from the kind's defaults, outputs named by the caller.
final class StageHarness {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lds-stage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func url(_ file: String) -> URL { directory.appendingPathComponent(file) }

    /// A context writing `output` to `file`, with its own work directory `work` (created).
    func context(_ kind: StageKind.Type, _ values: [String: ParamValue], inputs: [String: [URL]] = [:],
                 output: String, file: String, work: String = "work", threads: Int = 2) throws -> StageContext {
        let workDirectory = url(work)
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        return StageContext(kind: kind, values: values, inputs: inputs, outputPaths: [output: url(file)],
                            workDirectory: workDirectory, rootDirectory: directory, threads: threads)
    }

    func library(_ file: String, systems: Int = 16, testSystems: Int = 3, testStates: Int = 4, seed: Int) throws -> URL {
        try LibraryStage.run(context(LibraryStage.self, ["systems": .int(systems), "test_systems": .int(testSystems),
                                                         "test_states": .int(testStates), "seed": .int(seed)],
                                     output: "library", file: file))
        return url(file)
    }

    /// A tiny model and run: 2 layers of width 16, 8 steps of 8 traces, checkpoints every 2 steps.
    static let tinyTraining: [String: ParamValue] = ["layers": .int(2), "width": .int(16), "heads": .int(2), "batch": .int(8),
                                                     "examples": .int(64), "checkpoint_every": .int(16), "seed": .int(7)]

    func train(_ file: String, work: String, library: URL, _ extra: [String: ParamValue] = [:], from: URL? = nil,
               threads: Int = 2) throws -> URL {
        var inputs = ["library": [library]]
        if let from { inputs["from"] = [from] }
        let context = try context(TrainStage.self, Self.tinyTraining.merging(extra) { $1 }, inputs: inputs,
                                  output: "run", file: file, work: work, threads: threads)
        try TrainStage.run(context)
        return url(file)
    }
}
