/// The shape of a GPT-style model: everything that differs between the models of papers
/// 000 and 002 is a field here, never a fork of the code.
public struct ModelConfig: Equatable, Hashable, Sendable, CustomStringConvertible {
    public enum Input: Equatable, Hashable, Sendable {
        /// `Linear(dIn -> width)` read-in of real-valued vectors (paper 000: dIn = 57).
        case continuous(Int)
        /// Token embedding `wte` over a vocabulary of this size (paper 002).
        case tokens(Int)
    }
    public enum Output: Equatable, Hashable, Sendable {
        /// `Linear(width -> dOut)` read-out trained with masked squared error (paper 000: 5).
        case regression(Int)
        /// Untied, bias-free `lm_head` to vocabulary logits, trained with cross-entropy.
        case logits(Int)
    }

    public var layers: Int
    public var width: Int
    public var heads: Int
    /// Number of learned absolute positions (`wpe` rows); sequences may be shorter.
    public var context: Int
    public var input: Input
    public var output: Output
    /// Blocks with a 4x GELU MLP after attention, or attention-only blocks.
    public var mlp: Bool

    public init(layers: Int, width: Int, heads: Int, context: Int,
                input: Input, output: Output, mlp: Bool = true) {
        self.layers = layers; self.width = width; self.heads = heads; self.context = context
        self.input = input; self.output = output; self.mlp = mlp
    }

    public var headSize: Int { width / heads }
    public var outputSize: Int {
        switch output { case .regression(let d): return d; case .logits(let v): return v }
    }
    public var inputSize: Int {
        switch input { case .continuous(let d): return d; case .tokens(let v): return v }
    }

    public func validate() throws {
        func bad(_ field: String, _ value: Int, _ why: String) -> TransformerError {
            .invalidConfig(field: field, value: value, reason: why)
        }
        if layers < 1 { throw bad("layers", layers, "must be at least 1") }
        if width < 1 { throw bad("width", width, "must be at least 1") }
        if heads < 1 || width % heads != 0 { throw bad("heads", heads, "must divide width \(width)") }
        if context < 1 { throw bad("context", context, "must be at least 1") }
        if inputSize < 1 { throw bad("input", inputSize, "must be at least 1") }
        if outputSize < 1 { throw bad("output", outputSize, "must be at least 1") }
    }

    public var description: String {
        let inp: String, out: String
        switch input { case .continuous(let d): inp = "continuous(\(d))"; case .tokens(let v): inp = "tokens(\(v))" }
        switch output { case .regression(let d): out = "regression(\(d))"; case .logits(let v): out = "logits(\(v))" }
        return "layers=\(layers) width=\(width) heads=\(heads) context=\(context) input=\(inp) output=\(out) mlp=\(mlp)"
    }
}

public enum TransformerError: Error, Equatable, CustomStringConvertible {
    case invalidConfig(field: String, value: Int, reason: String)
    case shapeMismatch(what: String, expected: Int, got: Int)
    case tokenOutOfRange(what: String, position: Int, token: Int32, vocabulary: Int)
    case sequenceTooLong(length: Int, context: Int)
    case noForwardPass
    case checkpoint(String)
    case schedule(String)
    case intervention(String)

    public var description: String {
        switch self {
        case let .invalidConfig(field, value, reason): return "model config: \(field) = \(value) \(reason)"
        case let .shapeMismatch(what, expected, got): return "\(what): expected \(expected) values, got \(got)"
        case let .tokenOutOfRange(what, position, token, vocabulary):
            return "\(what): token \(token) at position \(position) is outside the vocabulary 0..<\(vocabulary)"
        case let .sequenceTooLong(length, context): return "sequence length \(length) exceeds the model context \(context)"
        case .noForwardPass: return "loss needs a forward pass first"
        case let .checkpoint(message): return "checkpoint: \(message)"
        case let .schedule(message): return "training schedule: \(message)"
        case let .intervention(message): return "intervention: \(message)"
        }
    }
}
