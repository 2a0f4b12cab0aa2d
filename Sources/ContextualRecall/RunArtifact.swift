import Artifacts
import Foundation
import Transformer

/// A training run as an artifact (output of `cr.pretrain` and `cr.finetune`): the model shape
/// as root attributes, `checkpoints/iterations` int64 [K] and `checkpoints/params` float32
/// [K, P] (flat GPTModel parameters at each checkpoint, iteration 0 first), the figure table
/// `loss` (iteration, mean training loss since the previous checkpoint), and the subjects the
/// run trained on as `finetune_subjects` (the whole finetuning pool for a pretraining run), its
/// data `seed` and `mode`.
public struct RunArtifact {
    public var config: ModelConfig
    public var iterations: [Int]
    public var parameters: [Float]
    public var losses: [Double]
    public var finetuneSubjects: Int
    /// `pretrain`, `icl` or `icl-grm`.
    public var mode: String
    public var seed: Int

    public var parameterCount: Int { parameters.count / max(iterations.count, 1) }

    public func checkpoint(_ k: Int) -> ArraySlice<Float> {
        parameters[(k * parameterCount)..<((k + 1) * parameterCount)]
    }

    public func write(to url: URL) throws {
        let file = try ArtifactFile.create(url)
        defer { file.close() }
        try file.write("checkpoints/iterations", iterations.map { Int64($0) }, shape: [iterations.count])
        try file.write("checkpoints/params", parameters, shape: [iterations.count, parameterCount])
        let rows = zip(iterations.dropFirst(), losses).map { [Double($0), $1] }
        try file.writeTable("loss", columns: ["iteration", "loss"], rows: rows)
        let ints: [(String, Int)] = [("model.layers", config.layers), ("model.width", config.width), ("model.heads", config.heads),
                                     ("model.context", config.context), ("model.vocabulary", config.inputSize),
                                     ("finetune_subjects", finetuneSubjects), ("seed", seed)]
        for (key, value) in ints { try file.setAttribute(key, .int(Int64(value))) }
        try file.setAttribute("mode", .string(mode))
    }

    public static func read(from url: URL) throws -> RunArtifact {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        func fail(_ why: String) -> RecallError { .artifact(file: url.path, reason: why) }
        func int(_ key: String) throws -> Int {
            guard case .int(let v)? = try file.attribute(key) else { throw fail("attribute \(key) missing or not an integer") }
            return Int(v)
        }
        guard case .string(let mode)? = try file.attribute("mode") else { throw fail("attribute mode missing") }
        let vocabulary = try int("model.vocabulary")
        let config = ModelConfig(layers: try int("model.layers"), width: try int("model.width"), heads: try int("model.heads"),
                                 context: try int("model.context"), input: .tokens(vocabulary), output: .logits(vocabulary))
        do { try config.validate() } catch { throw fail("model attributes: \(error)") }
        let iterations = try file.read("checkpoints/iterations", as: Int64.self)
        let params = try file.read("checkpoints/params", as: Float.self)
        guard params.shape.count == 2, params.shape[0] == iterations.values.count, !iterations.values.isEmpty else {
            throw fail("checkpoints/params has shape \(params.shape) for \(iterations.values.count) iterations")
        }
        let loss = try file.read(FigureTable.path("loss"), as: Double.self)
        let losses = stride(from: 1, to: loss.values.count, by: 2).map { loss.values[$0] }
        return RunArtifact(config: config, iterations: iterations.values.map { Int($0) }, parameters: params.values,
                           losses: losses, finetuneSubjects: try int("finetune_subjects"), mode: mode, seed: try int("seed"))
    }

    /// A model of this run's shape holding checkpoint `k`'s parameters.
    public func model(checkpoint k: Int, threads: Int) throws -> GPTModel {
        let model = try GPTModel(config: config, seed: 0, threads: threads)
        guard model.parameterCount == parameterCount else {
            throw TransformerError.shapeMismatch(what: "checkpoint parameters", expected: model.parameterCount, got: parameterCount)
        }
        load(checkpoint: k, into: model)
        return model
    }

    public func load(checkpoint k: Int, into model: GPTModel) {
        let values = checkpoint(k)
        values.withUnsafeBufferPointer { model.parameters.baseAddress!.update(from: $0.baseAddress!, count: $0.count) }
    }
}
