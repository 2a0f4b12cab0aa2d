/// A linear layer of a GPT step as the benches count it.
struct LinearLayer {
    let name: String
    let inDim: Int, outDim: Int
    /// Reads data, so the backward pass computes no input gradient.
    let inputIsData: Bool
    /// How many the model has (one per block for the blocks' layers).
    let count: Int
}

extension ModelConfig {
    /// Every linear layer, in the order a forward pass runs them.
    var linearLayers: [LinearLayer] {
        let C = width
        var found: [LinearLayer] = []
        if case .continuous(let d) = input { found.append(LinearLayer(name: "read_in", inDim: d, outDim: C, inputIsData: true, count: 1)) }
        found.append(LinearLayer(name: "c_attn", inDim: C, outDim: 3 * C, inputIsData: false, count: layers))
        found.append(LinearLayer(name: "attn.c_proj", inDim: C, outDim: C, inputIsData: false, count: layers))
        if mlp {
            found.append(LinearLayer(name: "c_fc", inDim: C, outDim: 4 * C, inputIsData: false, count: layers))
            found.append(LinearLayer(name: "mlp.c_proj", inDim: 4 * C, outDim: C, inputIsData: false, count: layers))
        }
        let readOut = { if case .logits = output { return "lm_head" } else { return "read_out" } }()
        found.append(LinearLayer(name: readOut, inDim: C, outDim: outputSize, inputIsData: false, count: 1))
        return found
    }
}
