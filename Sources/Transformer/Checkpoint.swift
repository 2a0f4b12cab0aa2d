import Artifacts
import Foundation

/// Trainer state in HDF5: `params/<name>`, `adamw/m/<name>`, `adamw/v/<name>` as float32
/// datasets under GPT-2 names and shapes; the step, the RNG state (four uint64 as int64 bit
/// patterns) and the model configuration as root attributes (`model.layers`, `model.width`,
/// `model.heads`, `model.context`, `model.input` = continuous|tokens, `model.input_size`,
/// `model.output` = regression|logits, `model.output_size`, `model.mlp` = 0|1).
public enum Checkpoint {
    /// Writes to a temporary sibling, then renames over `url`, so a half-written checkpoint is
    /// never found under the final name.
    public static func write(_ s: Trainer.State, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        do {
            let file = try ArtifactFile.create(temporary)
            for (group, values) in [("params", s.parameters), ("adamw/m", s.firstMoment), ("adamw/v", s.secondMoment)] {
                try values.withUnsafeBufferPointer { all in
                    for t in s.tensors {
                        try file.write("\(group)/\(t.name)", buffer: UnsafeBufferPointer(rebasing: all[t.offset..<(t.offset + t.count)]),
                                       shape: t.shape)
                    }
                }
            }
            for (name, value) in attributes(of: s.config) { try file.setAttribute(name, value) }
            try file.setAttribute("step", .int(Int64(s.step)))
            try file.setAttribute("rng_state", .ints(s.rngState.map { Int64(bitPattern: $0) }))
            file.close()
        }
        if Foundation.rename(temporary.path, url.path) != 0 {
            throw TransformerError.checkpoint("cannot rename \(temporary.path) to \(url.path): errno \(errno)")
        }
    }

    /// Reads a checkpoint written by `write`; every tensor must be present with its shape.
    public static func read(from url: URL) throws -> Trainer.State {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let config = try readConfig(file, url: url)
        let layout = ParameterLayout(config)
        var buffers: [[Float]] = []
        for group in ["params", "adamw/m", "adamw/v"] {
            var values = [Float](repeating: 0, count: layout.count)
            for t in layout.tensors {
                let a = try file.read("\(group)/\(t.name)", as: Float.self)
                guard a.shape == t.shape else {
                    throw TransformerError.checkpoint("\(url.path): \(group)/\(t.name) has shape \(a.shape), expected \(t.shape)")
                }
                values.replaceSubrange(t.offset..<(t.offset + t.count), with: a.values)
            }
            buffers.append(values)
        }
        guard case .int(let step)? = try file.attribute("step") else {
            throw TransformerError.checkpoint("\(url.path): attribute step missing or not an integer")
        }
        guard case .ints(let words)? = try file.attribute("rng_state"), words.count == 4 else {
            throw TransformerError.checkpoint("\(url.path): attribute rng_state missing or not 4 integers")
        }
        return Trainer.State(config: config, tensors: layout.tensors, parameters: buffers[0], firstMoment: buffers[1],
                             secondMoment: buffers[2], step: Int(step), rngState: words.map { UInt64(bitPattern: $0) })
    }

    /// The model configuration stored in a checkpoint's attributes.
    public static func readConfig(from url: URL) throws -> ModelConfig {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        return try readConfig(file, url: url)
    }

    static func attributes(of c: ModelConfig) -> [(String, AttributeValue)] {
        let input: String, output: String
        switch c.input { case .continuous: input = "continuous"; case .tokens: input = "tokens" }
        switch c.output { case .regression: output = "regression"; case .logits: output = "logits" }
        return [("model.layers", .int(Int64(c.layers))), ("model.width", .int(Int64(c.width))),
                ("model.heads", .int(Int64(c.heads))), ("model.context", .int(Int64(c.context))),
                ("model.input", .string(input)), ("model.input_size", .int(Int64(c.inputSize))),
                ("model.output", .string(output)), ("model.output_size", .int(Int64(c.outputSize))),
                ("model.mlp", .int(c.mlp ? 1 : 0))]
    }

    private static func readConfig(_ file: ArtifactFile, url: URL) throws -> ModelConfig {
        func int(_ name: String) throws -> Int {
            guard case .int(let v)? = try file.attribute(name) else {
                throw TransformerError.checkpoint("\(url.path): attribute \(name) missing or not an integer")
            }
            return Int(v)
        }
        func string(_ name: String) throws -> String {
            guard case .string(let v)? = try file.attribute(name) else {
                throw TransformerError.checkpoint("\(url.path): attribute \(name) missing or not a string")
            }
            return v
        }
        let input: ModelConfig.Input, output: ModelConfig.Output
        switch try string("model.input") {
        case "continuous": input = .continuous(try int("model.input_size"))
        case "tokens": input = .tokens(try int("model.input_size"))
        case let other: throw TransformerError.checkpoint("\(url.path): model.input = \(other), expected continuous or tokens")
        }
        switch try string("model.output") {
        case "regression": output = .regression(try int("model.output_size"))
        case "logits": output = .logits(try int("model.output_size"))
        case let other: throw TransformerError.checkpoint("\(url.path): model.output = \(other), expected regression or logits")
        }
        let config = ModelConfig(layers: try int("model.layers"), width: try int("model.width"), heads: try int("model.heads"),
                                 context: try int("model.context"), input: input, output: output, mlp: try int("model.mlp") != 0)
        try config.validate()
        return config
    }
}

extension Trainer {
    public func saveCheckpoint(to url: URL) throws { try Checkpoint.write(state, to: url) }
    public func loadCheckpoint(from url: URL) throws { try restore(Checkpoint.read(from: url)) }
}
