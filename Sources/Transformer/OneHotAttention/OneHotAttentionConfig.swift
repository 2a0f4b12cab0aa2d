import Artifacts

/// Where a one-hot attention model adds position to its keys.
public enum KeyPositions: String, CaseIterable, Sendable {
    /// `p_{T-t+j}` for key j under query t: position relative to the query (paper 002 §4).
    case relative
    /// `p_j`: the key's own position (paper 002 App. C.3.2).
    case absolute
}

/// The one-layer attention-only model of paper 002 §4 (spec B.8): fixed one-hot token and
/// position encodings (so the model width is `vocabulary + context`), position added to the
/// keys only, no MLP, no LayerNorm, no residual stream, and a tied, fixed unembedding that
/// reads the token coordinates of the heads' summed outputs.
public struct OneHotAttentionConfig: Equatable, Hashable, Sendable {
    public var vocabulary: Int
    /// Positions of the longest sequence, and so the number of position encodings.
    public var context: Int
    public var heads: Int
    public var headSize: Int
    public var positions: KeyPositions

    public init(vocabulary: Int, context: Int, heads: Int, headSize: Int, positions: KeyPositions) {
        self.vocabulary = vocabulary; self.context = context; self.heads = heads
        self.headSize = headSize; self.positions = positions
    }

    /// d = V + T: the one-hot token and position subspaces side by side.
    public var width: Int { vocabulary + context }

    /// The position encoding added to key j under query t (j <= t): `context - 1 - (t - j)`
    /// for relative positions, j for absolute ones.
    @inline(__always)
    public func keySlot(query t: Int, key j: Int) -> Int {
        positions == .relative ? context - 1 - (t - j) : j
    }

    public func validate() throws {
        func bad(_ field: String, _ value: Int, _ why: String) -> TransformerError {
            .invalidConfig(field: field, value: value, reason: why)
        }
        if vocabulary < 1 { throw bad("vocabulary", vocabulary, "must be at least 1") }
        if context < 1 { throw bad("context", context, "must be at least 1") }
        if heads < 1 { throw bad("heads", heads, "must be at least 1") }
        if headSize < 1 { throw bad("headSize", headSize, "must be at least 1") }
    }

    /// `model.*` attributes of a run artifact: enough to rebuild the model.
    public var attributes: [(String, AttributeValue)] {
        [("model.kind", .string("one-hot-attention")), ("model.vocabulary", .int(Int64(vocabulary))),
         ("model.context", .int(Int64(context))), ("model.heads", .int(Int64(heads))),
         ("model.head_size", .int(Int64(headSize))), ("model.key_positions", .string(positions.rawValue))]
    }

    /// The configuration stored in `file`'s root attributes by `attributes`.
    public init(attributesOf file: ArtifactFile) throws {
        let scheme = try file.requiredString("model.key_positions")
        guard let positions = KeyPositions(rawValue: scheme) else {
            throw TransformerError.checkpoint("\(file.url.path): model.key_positions = \(scheme), expected one of \(KeyPositions.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(vocabulary: try file.requiredInt("model.vocabulary"), context: try file.requiredInt("model.context"),
                  heads: try file.requiredInt("model.heads"), headSize: try file.requiredInt("model.head_size"), positions: positions)
        do { try validate() } catch { throw TransformerError.checkpoint("\(file.url.path): \(error)") }
    }
}
