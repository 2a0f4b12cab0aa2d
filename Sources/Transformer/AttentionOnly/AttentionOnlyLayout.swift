import Foundation

/// Where each tensor of an `AttentionOnlyModel` lives in the flat buffers. Linear weights are
/// `[out, in]`; names follow the model's structure (`layers.<l>.attn.q.weight`, ...).
struct AttentionOnlyLayout {
    struct Block { let lnW, lnB, q, k, v, o: Int }

    private(set) var list = TensorList()
    var tensors: [ParameterTensor] { list.tensors }
    var count: Int { list.count }
    private(set) var exemplarW = 0, exemplarB = 0, labelEmbedding = 0, lnfW = 0, lnfB = 0, unembedding = 0
    private(set) var unembeddingBias: Int?
    /// Learned absolute positions only.
    private(set) var positionEmbedding: Int?
    private(set) var blocks: [Block] = []

    init(_ c: AttentionOnlyConfig) {
        let C = c.width
        exemplarW = list.add("embed.exemplar.weight", [C, c.exemplarSize], decayed: true)
        exemplarB = list.add("embed.exemplar.bias", [C])
        labelEmbedding = list.add("embed.label.weight", [c.labels, C])
        if c.positions == .learned { positionEmbedding = list.add("embed.position.weight", [c.context, C]) }
        for l in 0..<c.layers {
            let p = "layers.\(l)."
            blocks.append(Block(lnW: list.add(p + "ln.weight", [C]), lnB: list.add(p + "ln.bias", [C]),
                                q: list.add(p + "attn.q.weight", [C, C], decayed: true),
                                k: list.add(p + "attn.k.weight", [C, C], decayed: true),
                                v: list.add(p + "attn.v.weight", [C, C], decayed: true),
                                o: list.add(p + "attn.o.weight", [C, C], decayed: true)))
        }
        lnfW = list.add("ln_f.weight", [C]); lnfB = list.add("ln_f.bias", [C])
        unembedding = list.add("unembed.weight", [c.labels, C], decayed: true)
        if c.unembeddingBias { unembeddingBias = list.add("unembed.bias", [c.labels]) }
    }
}

/// Fixed position tables: RoPE's rotation angles per (position, pair) and the sinusoidal
/// vectors added to the embeddings.
enum PositionTables {
    /// cos and sin of `t * 10000^(-2i / headSize)`, `[T, headSize / 2]` each; pair i rotates
    /// dimensions 2i and 2i + 1 of every query and key head (RoFormer's interleaved pairs).
    static func rope(context T: Int, headSize hs: Int) -> (cos: [Float], sin: [Float]) {
        var c = [Float](), s = [Float]()
        for t in 0..<T {
            for i in 0..<(hs / 2) {
                let angle = Double(t) * pow(10000, -2 * Double(i) / Double(hs))
                c.append(Float(Foundation.cos(angle))); s.append(Float(Foundation.sin(angle)))
            }
        }
        return (c, s)
    }

    /// `[T, C]`: sin(t / 10000^(2i/C)) at 2i, cos at 2i + 1.
    static func sinusoidal(context T: Int, width C: Int) -> [Float] {
        var table = [Float](repeating: 0, count: T * C)
        for t in 0..<T {
            for i in 0..<(C / 2) {
                let angle = Double(t) / pow(10000, 2 * Double(i) / Double(C))
                table[t * C + 2 * i] = Float(Foundation.sin(angle)); table[t * C + 2 * i + 1] = Float(Foundation.cos(angle))
            }
        }
        return table
    }
}
