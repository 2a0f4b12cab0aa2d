import Artifacts

/// How an attention-only model knows where a token is.
public enum PositionScheme: String, CaseIterable, Sendable {
    /// Rotary embeddings on each head's queries and keys (thesis ch. 4).
    case rope
    /// A learned table added to the embeddings (paper 003's 2-layer runs).
    case learned
    /// Fixed sine / cosine vectors added to the embeddings (Vaswani et al.).
    case sinusoidal
    /// No position information beyond the causal mask.
    case none
}

/// The shape of the attention-only few-shot models of the thesis (ch. 4, 5) and paper 003
/// (spec 001-003 §1.1): exemplar vectors read in by `Linear(exemplarSize -> width)` with bias,
/// label tokens by a learned embedding, `layers` blocks `h + attn(LN(h))` without MLP, a final
/// LayerNorm and bias-free label logits.
public struct AttentionOnlyConfig: Equatable, Hashable, Sendable {
    public var layers: Int
    public var width: Int
    public var heads: Int
    /// Positions of the longest sequence (5 for `x1 y1 x2 y2 xq`).
    public var context: Int
    public var exemplarSize: Int
    public var labels: Int
    public var positions: PositionScheme

    public init(layers: Int, width: Int, heads: Int, context: Int, exemplarSize: Int, labels: Int, positions: PositionScheme) {
        self.layers = layers; self.width = width; self.heads = heads; self.context = context
        self.exemplarSize = exemplarSize; self.labels = labels; self.positions = positions
    }

    public var headSize: Int { width / heads }

    public func validate() throws {
        func bad(_ field: String, _ value: Int, _ why: String) -> TransformerError {
            .invalidConfig(field: field, value: value, reason: why)
        }
        if layers < 1 { throw bad("layers", layers, "must be at least 1") }
        if heads < 1 || heads > HeadSet.capacity { throw bad("heads", heads, "must be 1 to \(HeadSet.capacity)") }
        if width < 1 || width % heads != 0 { throw bad("width", width, "must be a positive multiple of heads = \(heads)") }
        if positions == .rope && headSize % 2 != 0 { throw bad("width", width, "gives an odd head size \(headSize); RoPE rotates pairs") }
        if positions == .sinusoidal && width % 2 != 0 { throw bad("width", width, "must be even for sinusoidal positions") }
        if context < 1 { throw bad("context", context, "must be at least 1") }
        if exemplarSize < 1 { throw bad("exemplarSize", exemplarSize, "must be at least 1") }
        if labels < 1 { throw bad("labels", labels, "must be at least 1") }
    }

    /// `model.*` attributes of a run artifact: enough to rebuild the model.
    public var attributes: [(String, AttributeValue)] {
        [("model.kind", .string("attention-only")), ("model.layers", .int(Int64(layers))),
         ("model.width", .int(Int64(width))), ("model.heads", .int(Int64(heads))),
         ("model.context", .int(Int64(context))), ("model.exemplar_size", .int(Int64(exemplarSize))),
         ("model.labels", .int(Int64(labels))), ("model.positions", .string(positions.rawValue))]
    }

    /// The configuration stored in `file`'s root attributes by `attributes`.
    public init(attributesOf file: ArtifactFile) throws {
        func fail(_ why: String) -> TransformerError { .checkpoint("\(file.url.path): \(why)") }
        let int = { try file.requiredInt($0) }
        let scheme = try file.requiredString("model.positions")
        guard let positions = PositionScheme(rawValue: scheme) else {
            throw fail("model.positions = \(scheme), expected one of \(PositionScheme.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(layers: try int("model.layers"), width: try int("model.width"), heads: try int("model.heads"),
                  context: try int("model.context"), exemplarSize: try int("model.exemplar_size"),
                  labels: try int("model.labels"), positions: positions)
        do { try validate() } catch { throw fail("\(error)") }
    }
}
