/// A set of attention heads of one layer (bit h = head h).
public struct HeadSet: Hashable, Sendable, CustomStringConvertible {
    public static let capacity = 64
    public var bits: UInt64

    public init(bits: UInt64) { self.bits = bits }
    public init(_ heads: [Int]) { bits = heads.reduce(0) { $0 | (1 << UInt64($1)) } }
    public static func all(_ heads: Int) -> HeadSet { HeadSet(bits: heads >= 64 ? ~0 : (1 << UInt64(heads)) - 1) }
    public static func only(_ head: Int) -> HeadSet { HeadSet([head]) }
    public static let none = HeadSet(bits: 0)

    public func contains(_ h: Int) -> Bool { bits & (1 << UInt64(h)) != 0 }
    public func removing(_ h: Int) -> HeadSet { HeadSet(bits: bits & ~(1 << UInt64(h))) }
    public var description: String { (0..<64).filter(contains).map(String.init).joined(separator: ",") }
}

/// A summand of the residual stream: what a layer's queries, keys and values and the readout
/// read are sums of these.
public enum ResidualTerm: Hashable, Sendable {
    /// Exemplar read-in or label embedding, plus absolute positions where the model has them.
    case embedding
    /// The embedding of the previous position, as a perfect previous-token layer would deliver
    /// it: position t reads t-1's, except that position 0 and the last (the query) keep their
    /// own (spec §6.3's Layer-1 clamp: "A 0 B 1 A" becomes "A A 0 B A").
    case previousEmbedding
    /// The summed outputs of some heads of an earlier layer.
    case heads(layer: Int, HeadSet)
}

/// Which residual terms each layer's queries, keys and values, and the final readout, read.
/// The standard model reads the whole residual everywhere; leaving a term out of one role is a
/// path ablation that keeps every other path as computed (a pattern-preserving ablation of
/// L1 -> L2 removes L1 from the values only, a value-preserving one from queries and keys).
public struct ResidualRouting: Hashable, Sendable {
    /// Per layer.
    public var query: [[ResidualTerm]]
    public var key: [[ResidualTerm]]
    public var value: [[ResidualTerm]]
    public var readout: [ResidualTerm]

    /// Every layer reads the embedding and every earlier layer's heads; so does the readout.
    public static func standard(layers: Int, heads: Int) -> ResidualRouting {
        let upTo = { (l: Int) -> [ResidualTerm] in [.embedding] + (0..<l).map { .heads(layer: $0, .all(heads)) } }
        let inputs = (0..<layers).map(upTo)
        return ResidualRouting(query: inputs, key: inputs, value: inputs, readout: upTo(layers))
    }
}

/// A replacement for one head's attention pattern, used in place of the softmax in the forward
/// pass and treated as a constant by the backward pass (no gradient reaches that head's
/// queries and keys through the replaced rows).
public enum PatternValue {
    /// Row 0 attends to itself, row t >= 1 to t - 1 (a perfect previous-token head).
    case previousToken
    /// Rows `first..<T` of every sequence from `[B, T - first, T]` weights, borrowed: a
    /// constant pattern written per batch (e.g. a perfect induction query row) or another
    /// checkpoint's recorded pattern.
    case rows(UnsafeBufferPointer<Float>, first: Int)
}

public struct PatternClamp {
    public var layer: Int
    public var head: Int
    public var value: PatternValue
    public init(layer: Int, head: Int, _ value: PatternValue) { self.layer = layer; self.head = head; self.value = value }
}

/// Where the logits come from.
public enum Readout: Equatable, Sendable {
    /// `unembedding(LN_f(readout terms))` at every position.
    case unembedding
    /// At the last position, one head's pre-softmax scores from the query to each label token
    /// in context become the logits of those labels; every other label gets -1e9 (spec §6.3's
    /// copy clamp: the copy is perfect, the scores are what is learned). A label shown twice
    /// takes the later score. Other positions use the unembedding.
    case headScores(layer: Int, head: Int)
}

/// Everything that changes an attention-only model's forward pass away from the plain one;
/// the backward pass differentiates the changed computation, with clamped values as constants.
public struct Interventions {
    public var routing: ResidualRouting
    /// Per layer: heads whose value vectors are zero (spec §6.1: "ablate head"), so they add
    /// nothing and their parameters get no gradient.
    public var ablated: [HeadSet]
    public var patterns: [PatternClamp]
    public var readout: Readout

    public init(routing: ResidualRouting, ablated: [HeadSet], patterns: [PatternClamp] = [], readout: Readout = .unembedding) {
        self.routing = routing; self.ablated = ablated; self.patterns = patterns; self.readout = readout
    }

    /// The plain model.
    public static func none(layers: Int, heads: Int) -> Interventions {
        Interventions(routing: .standard(layers: layers, heads: heads), ablated: Array(repeating: .none, count: layers))
    }
}
