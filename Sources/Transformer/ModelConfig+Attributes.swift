import Artifacts

/// A `ModelConfig` as artifact attributes: `model.layers`, `model.width`, `model.heads`,
/// `model.context`, `model.input` = continuous|tokens, `model.input_size`, `model.output` =
/// regression|logits, `model.output_size`, `model.mlp` = 0|1.
extension ModelConfig {
    public var attributes: [(String, AttributeValue)] {
        let input: String, output: String
        switch self.input { case .continuous: input = "continuous"; case .tokens: input = "tokens" }
        switch self.output { case .regression: output = "regression"; case .logits: output = "logits" }
        return [("model.layers", .int(Int64(layers))), ("model.width", .int(Int64(width))),
                ("model.heads", .int(Int64(heads))), ("model.context", .int(Int64(context))),
                ("model.input", .string(input)), ("model.input_size", .int(Int64(inputSize))),
                ("model.output", .string(output)), ("model.output_size", .int(Int64(outputSize))),
                ("model.mlp", .int(mlp ? 1 : 0))]
    }

    /// The configuration stored in `file`'s root attributes by `attributes`.
    public init(attributesOf file: ArtifactFile) throws {
        func fail(_ why: String) -> TransformerError { .checkpoint("\(file.url.path): \(why)") }
        let int = { try file.requiredInt($0) }, string = { try file.requiredString($0) }
        let input: Input, output: Output
        switch try string("model.input") {
        case "continuous": input = .continuous(try int("model.input_size"))
        case "tokens": input = .tokens(try int("model.input_size"))
        case let other: throw fail("model.input = \(other), expected continuous or tokens")
        }
        switch try string("model.output") {
        case "regression": output = .regression(try int("model.output_size"))
        case "logits": output = .logits(try int("model.output_size"))
        case let other: throw fail("model.output = \(other), expected regression or logits")
        }
        self.init(layers: try int("model.layers"), width: try int("model.width"), heads: try int("model.heads"),
                  context: try int("model.context"), input: input, output: output, mlp: try int("model.mlp") != 0)
        do { try validate() } catch { throw fail("\(error)") }
    }
}
