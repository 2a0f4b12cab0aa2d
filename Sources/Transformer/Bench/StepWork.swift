/// The work one training step (forward, backward, AdamW) cannot avoid, per operation class:
/// the flops of its products and the bytes its memory-bound passes move, each tensor read or
/// written once per pass. At a measured sgemm rate and the bandwidth a triad gets over tensors
/// of each pass's size (`Roofline`) it gives the time below which no implementation of the
/// step can go on that machine.
public struct StepWork: Sendable {
    public struct Floor: Sendable {
        public var flops = 0.0
        public var bytes = 0.0
        /// Floats in the largest tensor one of its passes streams: whether those bytes come from
        /// cache or from memory, and so the bandwidth they get, depends on it.
        public var streamFloats = 0
    }

    /// Indexed by `EngineOp.rawValue`, so that each floor sits beside the time measured for it.
    public private(set) var floors = [Floor](repeating: Floor(), count: EngineOp.allCases.count)

    public var flops: Double { floors.reduce(0) { $0 + $1.flops } }
    public var bytes: Double { floors.reduce(0) { $0 + $1.bytes } }
    public subscript(op: EngineOp) -> Floor { floors[op.rawValue] }

    /// `floats` moved in passes over tensors of up to `stream` floats each.
    mutating func add(_ op: EngineOp, flops: Double = 0, floats: Double = 0, stream: Int = 0) {
        floors[op.rawValue].flops += flops
        floors[op.rawValue].bytes += 4 * floats
        floors[op.rawValue].streamFloats = max(floors[op.rawValue].streamFloats, stream)
    }

    /// Every tensor size a floor streams, for measuring the bandwidth each one gets.
    public var streamSizes: Set<Int> { Set(floors.map(\.streamFloats).filter { $0 > 0 }) }

    /// A product `[rows, in] x [in, out]` forward and both gradients backward (6 flops per
    /// multiply-add), or forward and the weight gradient only when its input is data (4).
    /// The read-in of data is timed with the embedding, where the models compute it.
    mutating func linear(rows: Int, in inDim: Int, out outDim: Int, inputIsData: Bool = false) {
        add(inputIsData ? .embedding : .matmul, flops: (inputIsData ? 4 : 6) * Double(rows) * Double(inDim) * Double(outDim))
    }

    /// Causal attention over `pairs` query-key pairs per head: scores and mix forward, their four
    /// gradients backward (12 flops per pair and channel); softmax reads the scores and writes the
    /// pattern forward, reads the pattern and its gradient and writes the scores' backward.
    mutating func attention(batch B: Int, length T: Int, width C: Int, heads H: Int) {
        let pairs = Double(T * (T + 1) / 2)
        add(.attention, flops: 12 * Double(B) * pairs * Double(C), floats: 5 * Double(B * H) * pairs, stream: B * H * T * T)
    }

    /// A layer norm over `rows` rows: x read and y written forward; x, dy read and dx written
    /// backward (the statistics are a column, negligible).
    mutating func layerNorm(rows: Int, width C: Int) { add(.layerNorm, floats: 5 * Double(rows * C), stream: rows * C) }

    /// A residual sum forward: two read, one written. Backward, the stream's gradient needs no
    /// pass of its own: the branch's input gradient accumulates into it inside the product.
    mutating func residual(rows: Int, width C: Int) { add(.residual, floats: 3 * Double(rows * C), stream: rows * C) }

    /// AdamW over `parameters`: parameter, gradient and both moments read, three written.
    mutating func adamW(parameters: Int) { add(.optimizer, floats: 7 * Double(parameters), stream: parameters) }
}

extension StepWork {
    /// A `GPTModel` step on `batch` sequences of `length` positions.
    public static func gpt(_ c: ModelConfig, batch B: Int, length T: Int) -> StepWork {
        var w = StepWork()
        let N = B * T, C = c.width
        for layer in c.linearLayers {
            for _ in 0..<layer.count { w.linear(rows: N, in: layer.inDim, out: layer.outDim, inputIsData: layer.inputIsData) }
        }
        w.add(.embedding, floats: 4 * Double(N * C), stream: N * C)   // rows gathered and summed; their gradients scattered
        for _ in 0..<c.layers {
            w.layerNorm(rows: N, width: C)
            w.attention(batch: B, length: T, width: C, heads: c.heads)
            w.residual(rows: N, width: C)
            if c.mlp {
                w.layerNorm(rows: N, width: C)
                w.add(.gelu, floats: 5 * Double(N * 4 * C), stream: N * 4 * C)   // x read, y written; x, dy read, dx written
                w.residual(rows: N, width: C)
            }
        }
        w.layerNorm(rows: N, width: C)
        switch c.output {
        case .regression: w.add(.loss, floats: 3 * Double(N * c.outputSize), stream: N * c.outputSize)   // predictions, targets read; gradient written
        case .logits: w.add(.loss, floats: 2 * Double(N * c.outputSize), stream: N * c.outputSize)       // logits read; their gradient written
        }
        w.adamW(parameters: ParameterLayout(c).count)
        return w
    }

    /// A `OneHotAttentionModel` step on `batch` sequences of `length` positions: attention over
    /// token keys and position keys (the position scores are a second product of the same
    /// shape), the read-out of every position over the vocabulary, the looked-up query, key and
    /// value rows read forward and their gradients scattered backward, and AdamW over the tables.
    public static func oneHotAttention(_ c: OneHotAttentionConfig, batch B: Int, length T: Int) -> StepWork {
        var w = StepWork()
        let N = B * T, C = c.heads * c.headSize
        w.attention(batch: B, length: T, width: C, heads: c.heads)
        w.add(.attention, flops: 6 * Double(B * T * (T + 1) / 2) * Double(C), floats: 6 * Double(N * C), stream: N * C)
        w.linear(rows: N, in: C, out: c.vocabulary)
        w.add(.loss, floats: 2 * Double(N * c.vocabulary), stream: N * c.vocabulary)
        w.adamW(parameters: (3 * c.vocabulary + c.width) * C)
        return w
    }

    /// An `AttentionOnlyModel` step on `batch` few-shot sequences of `length` positions.
    public static func attentionOnly(_ c: AttentionOnlyConfig, batch B: Int, length T: Int) -> StepWork {
        var w = StepWork()
        let N = B * T, C = c.width, R = c.readout == .last ? B : N
        w.linear(rows: B * ((T + 1) / 2), in: c.exemplarSize, out: C, inputIsData: true)
        w.add(.embedding, floats: 4 * Double(N * C), stream: N * C)
        for _ in 0..<c.layers {
            w.residual(rows: N, width: C)
            w.layerNorm(rows: N, width: C)
            for _ in 0..<4 { w.linear(rows: N, in: C, out: C) }
            if c.positions == .rope { w.add(.embedding, floats: 8 * Double(N * C), stream: N * C) }   // q and k rotated, and their gradients
            w.attention(batch: B, length: T, width: C, heads: c.heads)
        }
        w.layerNorm(rows: R, width: C)
        w.linear(rows: R, in: C, out: c.labels)
        w.add(.loss, floats: 2 * Double(R * c.labels), stream: R * c.labels)
        w.adamW(parameters: AttentionOnlyLayout(c).count)
        return w
    }
}
