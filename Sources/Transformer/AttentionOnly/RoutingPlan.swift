/// `Interventions` checked against a model and indexed for the forward and backward passes:
/// the distinct inputs each layer normalises, the head sums some role reads, and which head's
/// pattern is clamped.
struct RoutingPlan {
    struct LayerInputs {
        /// Distinct term lists this layer reads (one when queries, keys and values agree).
        var lists: [[ResidualTerm]]
        var query = 0, key = 0, value = 0
    }

    let layers: [LayerInputs]
    /// Distinct `.heads` terms read anywhere; each has an output buffer.
    let headTerms: [(layer: Int, heads: HeadSet)]
    let usesPreviousEmbedding: Bool
    /// `[layer][head]`: index into the interventions' pattern clamps, or -1.
    let clampIndex: [[Int]]
    /// `[layer][head]`: the first pattern row a clamp fixes (those rows' scores get no
    /// gradient), or Int.max.
    let firstClampedRow: [[Int]]

    init(_ v: Interventions, config c: AttentionOnlyConfig) throws {
        func fail(_ why: String) -> TransformerError { .intervention(why) }
        let r = v.routing
        guard r.query.count == c.layers, r.key.count == c.layers, r.value.count == c.layers, v.ablated.count == c.layers else {
            throw fail("routing and ablations must list each of the \(c.layers) layers")
        }
        let everyHead = HeadSet.all(c.heads)
        func check(_ terms: [ResidualTerm], before layer: Int, _ role: String) throws {
            for case let .heads(l, set) in terms {
                if l >= layer { throw fail("\(role) reads layer \(l)'s heads, which do not come before it") }
                if set.bits & ~everyHead.bits != 0 { throw fail("\(role) reads heads \(set) of layer \(l); the model has \(c.heads)") }
            }
        }
        var layers: [LayerInputs] = []
        var headTerms: [(layer: Int, heads: HeadSet)] = []
        func note(_ terms: [ResidualTerm]) {
            for case let .heads(l, set) in terms where !headTerms.contains(where: { $0.layer == l && $0.heads == set }) {
                headTerms.append((l, set))
            }
        }
        for l in 0..<c.layers {
            var inputs = LayerInputs(lists: [])
            func index(_ terms: [ResidualTerm], _ role: String) throws -> Int {
                try check(terms, before: l, "layer \(l) \(role)")
                note(terms)
                if let i = inputs.lists.firstIndex(of: terms) { return i }
                inputs.lists.append(terms)
                return inputs.lists.count - 1
            }
            inputs.query = try index(r.query[l], "queries")
            inputs.key = try index(r.key[l], "keys")
            inputs.value = try index(r.value[l], "values")
            layers.append(inputs)
        }
        try check(r.readout, before: c.layers, "readout")
        note(r.readout)
        self.layers = layers
        self.headTerms = headTerms
        usesPreviousEmbedding = (r.query + r.key + r.value + [r.readout]).joined().contains(.previousEmbedding)

        var clamps = [[Int]](repeating: [Int](repeating: -1, count: c.heads), count: c.layers)
        var firstRows = [[Int]](repeating: [Int](repeating: Int.max, count: c.heads), count: c.layers)
        for (i, p) in v.patterns.enumerated() {
            guard (0..<c.layers).contains(p.layer), (0..<c.heads).contains(p.head) else {
                throw fail("pattern clamp on layer \(p.layer) head \(p.head): the model has \(c.layers) layers of \(c.heads) heads")
            }
            if clamps[p.layer][p.head] >= 0 { throw fail("two pattern clamps on layer \(p.layer) head \(p.head)") }
            clamps[p.layer][p.head] = i
            switch p.value {
            case .previousToken: firstRows[p.layer][p.head] = 0
            case let .rows(_, first): firstRows[p.layer][p.head] = first
            }
        }
        clampIndex = clamps
        firstClampedRow = firstRows
        if case let .headScores(l, h) = v.readout, !(0..<c.layers).contains(l) || !(0..<c.heads).contains(h) {
            throw fail("score readout from layer \(l) head \(h): the model has \(c.layers) layers of \(c.heads) heads")
        }
    }

    func headTermIndex(_ layer: Int, _ heads: HeadSet) -> Int {
        headTerms.firstIndex { $0.layer == layer && $0.heads == heads }!
    }
}
