import Transformer

/// The activation clamps chapter 4 trains under (spec §6.3, thesis App. C.5.2), named by the
/// computations they perfect: 1 PT-attend, 2 PT-copy, 3 routing in L2 (qk / v), 4 IH-match,
/// 5 IH-copy. Each becomes `Interventions` of a 2-layer model.
public enum CircuitClamp: String, CaseIterable, Sendable {
    case none
    /// Step 1: one L1 head's pattern is the previous-token pattern.
    case step1
    /// Steps 1, 2: L2's queries and keys read the previous-token embeddings ("A A 0 B A"), its
    /// values and the readout the plain embeddings; L1 is bypassed and gets no gradient. One
    /// pass with per-role inputs computes exactly spec §6.1's two passes: pass P only supplies
    /// L2's patterns, which depend on L2's queries and keys alone.
    case layer1
    /// Steps 1, 2, 3qk, 4 ("match"): the IH head's query row is 1 on the target label token.
    case match
    /// Steps 3v, 5 ("copy"): the IH head's scores from the query to the two label tokens are
    /// the logits of those labels; QK and L1 learn.
    case copy
    /// Steps 1, 2, 3v, 5: `layer1`'s routing with `copy`'s readout.
    case layer1Copy = "layer1_copy"

    /// Whether the clamp names the induction head (it must then be active).
    public var usesInductionHead: Bool { [.match, .copy, .layer1Copy].contains(self) }

    /// The interventions on a 2-layer model of `heads` heads whose L2 keeps only `active` heads.
    public func interventions(heads: Int, active: HeadSet, previousTokenHead: Int, inductionHead: Int,
                              batch: FewShotBatch) -> Interventions {
        var v = Interventions.none(layers: 2, heads: heads)
        v.ablated[1] = HeadSet(bits: HeadSet.all(heads).bits & ~active.bits)
        let layer1Routing = {
            v.routing.query[1] = [.previousEmbedding]; v.routing.key[1] = [.previousEmbedding]; v.routing.value[1] = [.embedding]
            v.routing.readout = [.embedding, .heads(layer: 1, .all(heads))]
        }
        switch self {
        case .none: break
        case .step1: v.patterns = [PatternClamp(layer: 0, head: previousTokenHead, .previousToken)]
        case .layer1: layer1Routing()
        case .match: v.patterns = [PatternClamp(layer: 1, head: inductionHead, batch.perfectInductionRows)]
        case .copy: v.readout = .headScores(layer: 1, head: inductionHead)
        case .layer1Copy: layer1Routing(); v.readout = .headScores(layer: 1, head: inductionHead)
        }
        return v
    }
}
