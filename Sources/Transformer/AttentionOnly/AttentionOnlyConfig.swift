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

/// Where an attention-only model computes logits.
public enum ReadoutPositions: String, CaseIterable, Sendable {
    /// Every position (the loss mask picks the query).
    case every
    /// The last position only (the query): what a model with a large label set must do, since
    /// the unembedding then dominates the step.
    case last
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
    public var readout: ReadoutPositions
    /// A bias on the label logits (paper 003's unembedding has one; the thesis's ch. 4 model not).
    public var unembeddingBias: Bool
    /// Standard deviation of the label embedding's initialisation (ch. 4: 1; paper 003's code: 0.02).
    public var labelEmbeddingStd: Double

    public init(layers: Int, width: Int, heads: Int, context: Int, exemplarSize: Int, labels: Int, positions: PositionScheme,
                readout: ReadoutPositions = .every, unembeddingBias: Bool = false, labelEmbeddingStd: Double = 1) {
        self.layers = layers; self.width = width; self.heads = heads; self.context = context
        self.exemplarSize = exemplarSize; self.labels = labels; self.positions = positions
        self.readout = readout; self.unembeddingBias = unembeddingBias; self.labelEmbeddingStd = labelEmbeddingStd
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
        if !(labelEmbeddingStd > 0) { throw bad("labelEmbeddingStd", Int(labelEmbeddingStd), "must be positive") }
    }

    /// `model.*` attributes of a run artifact: enough to rebuild the model.
    public var attributes: [(String, AttributeValue)] {
        [("model.kind", .string("attention-only")), ("model.layers", .int(Int64(layers))),
         ("model.width", .int(Int64(width))), ("model.heads", .int(Int64(heads))),
         ("model.context", .int(Int64(context))), ("model.exemplar_size", .int(Int64(exemplarSize))),
         ("model.labels", .int(Int64(labels))), ("model.positions", .string(positions.rawValue)),
         ("model.readout", .string(readout.rawValue)), ("model.unembedding_bias", .int(unembeddingBias ? 1 : 0)),
         ("model.label_embedding_std", .double(labelEmbeddingStd))]
    }

    /// The configuration stored in `file`'s root attributes by `attributes`.
    public init(attributesOf file: ArtifactFile) throws {
        func fail(_ why: String) -> TransformerError { .checkpoint("\(file.url.path): \(why)") }
        let int = { try file.requiredInt($0) }
        let scheme = try file.requiredString("model.positions")
        guard let positions = PositionScheme(rawValue: scheme) else {
            throw fail("model.positions = \(scheme), expected one of \(PositionScheme.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let readoutName = try file.requiredString("model.readout")
        guard let readout = ReadoutPositions(rawValue: readoutName) else {
            throw fail("model.readout = \(readoutName), expected one of \(ReadoutPositions.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(layers: try int("model.layers"), width: try int("model.width"), heads: try int("model.heads"),
                  context: try int("model.context"), exemplarSize: try int("model.exemplar_size"),
                  labels: try int("model.labels"), positions: positions, readout: readout,
                  unembeddingBias: try int("model.unembedding_bias") != 0,
                  labelEmbeddingStd: try file.requiredDouble("model.label_embedding_std"))
        do { try validate() } catch { throw fail("\(error)") }
    }
}
