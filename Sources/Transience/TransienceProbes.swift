import Foundation
import Transformer

/// The circuit analyses of paper 003 §3 on one trained run: attention of the last layer's
/// heads (Fig. 2a), single-head accuracy against a clamped attention delta (Fig. 2b), parts
/// of the network frozen at other checkpoints (Fig. 3b, c) and the end-of-training ablations
/// of spec E5 ("Other stated numbers").
struct TransienceProbes {
    let config: AttentionOnlyConfig
    var heads: Int { config.heads }
    var last: Int { config.layers - 1 }

    /// The sets whose in-context accuracy the frozen-part analyses record.
    static let frozenSets: [TransienceSet] = [.train, .icl, .ciwl, .flip]

    /// Tensors of "L2 + unembedding" (Fig. 3b): the last block, the final layer norm and the
    /// unembedding.
    func isLateTensor(_ name: String) -> Bool {
        name.hasPrefix("layers.\(last).") || name.hasPrefix("ln_f.") || name.hasPrefix("unembed.")
    }

    /// Tensors of "embedding + L1" (Fig. 3c).
    func isEarlyTensor(_ name: String) -> Bool { name.hasPrefix("embed.") || name.hasPrefix("layers.0.") }

    /// Sets `model`'s tensors chosen by `which` to those in `donor` (a flat parameter vector of
    /// the same layout).
    func splice(_ donor: [Float], into model: AttentionOnlyModel, where which: (String) -> Bool) {
        for t in model.parameterTensors where which(t.name) {
            let target = model.values(of: t)
            donor.withUnsafeBufferPointer { target.baseAddress!.update(from: $0.baseAddress! + t.offset, count: t.count) }
        }
    }

    /// The last layer with only `head` active.
    func onlyHead(_ head: Int) -> Interventions {
        var v = Interventions.none(layers: config.layers, heads: heads)
        v.ablated[last] = HeadSet(bits: HeadSet.all(heads).bits & ~HeadSet.only(head).bits)
        return v
    }

    /// Fig. 2b: per delta, per head, the in-context accuracy with only that head active and
    /// its query row clamped to (1 + delta) / 2 on the correct label token and (1 - delta) / 2
    /// on the other one (the clamped attention delta is correct minus incorrect).
    func deltaRows(_ model: AttentionOnlyModel, on set: TransienceEvaluation, deltas: [Double]) throws -> [[Double]] {
        let B = set.batch.batch, T = FewShotBatch.length
        let rows = UnsafeMutableBufferPointer<Float>.allocate(capacity: B * T)
        defer { rows.deallocate() }
        rows.initialize(repeating: 0)
        return try deltas.map { delta in
            let onCorrect = Float((1 + delta) / 2), onOther = Float((1 - delta) / 2)
            let accuracies = try (0..<heads).map { h -> Double in
                var v = onlyHead(h)
                v.patterns = [PatternClamp(layer: last, head: h, .rows(UnsafeBufferPointer(rows), first: T - 1))]
                return try set.run(model, v) { batch in
                    for b in 0..<B {
                        let correct = batch.targetRows[b * T + 1] == 1 ? 1 : 3
                        rows[b * T + correct] = onCorrect; rows[b * T + 4 - correct] = onOther
                    }
                }.accuracy
            }
            return [delta] + accuracies
        }
    }

    /// Spec E5's end-of-training ablations, as named columns of one row of in-context accuracy
    /// on `set` (CIWL data): the plain model; every head ablated; the embedding -> readout path
    /// removed (patterns and values kept); the L1 -> readout path removed; and for two layers
    /// L1's output removed from L2's values, keys or queries only (the rest preserved).
    func ablations(_ model: AttentionOnlyModel, on set: TransienceEvaluation) throws -> (columns: [String], row: [Double]) {
        let plain = Interventions.none(layers: config.layers, heads: heads)
        var cases: [(String, Interventions)] = [("plain", plain)]
        var allAblated = plain
        allAblated.ablated = Array(repeating: .all(heads), count: config.layers)
        cases.append(("all_heads_ablated", allAblated))
        var noEmbedding = plain
        noEmbedding.routing.readout.removeAll { $0 == .embedding }
        cases.append(("no_embedding_to_readout", noEmbedding))
        if config.layers >= 2 {
            let l1 = ResidualTerm.heads(layer: 0, .all(heads))
            var noL1Readout = plain
            noL1Readout.routing.readout.removeAll { $0 == l1 }
            cases.append(("no_l1_to_readout", noL1Readout))
            for role in ["v", "k", "q"] {
                var v = plain
                switch role {
                case "v": v.routing.value[1].removeAll { $0 == l1 }
                case "k": v.routing.key[1].removeAll { $0 == l1 }
                default: v.routing.query[1].removeAll { $0 == l1 }
                }
                cases.append(("no_l1_to_l2_\(role)", v))
            }
        }
        return (cases.map(\.0), try cases.map { try set.run(model, $0.1).accuracy })
    }
}
