import Artifacts
import Linalg

/// The attention-only transformer of the thesis's chapters 4-5 and paper 003 on few-shot
/// sequences `x1 y1 x2 y2 ... xq` (`AttentionOnlyConfig`), with read and write access to every
/// head: patterns, values and outputs can be read after a forward pass, and `Interventions`
/// reroute residual paths, ablate heads, clamp patterns or read the logits from a head's scores
/// — in training too, with the backward pass differentiating the changed computation.
///
/// Attention scores are scaled by 1/sqrt(head size), as the thesis's code does. Initialisation
/// ([A]): Linear weights N(0, 1/fan_in), label embeddings N(0, 1), learned positions N(0, 0.02^2),
/// biases 0, layer norms 1 and 0.
///
/// Sequences are a few positions long, so the loops are written for small T; products go
/// through BLAS in blocks fixed by their shape, and attention runs sequence by sequence, so the
/// results do not depend on the thread count.
public final class AttentionOnlyModel: TrainableModel {
    public let config: AttentionOnlyConfig
    public let threads: Int
    public let timer = OpTimer()
    let layout: AttentionOnlyLayout
    let params: FloatBuffer
    let grads: FloatBuffer
    private let ropeCos: [Float], ropeSin: [Float], sinusoid: [Float]
    public private(set) var interventions: Interventions
    private var plan: RoutingPlan
    private var ws: AttentionOnlyWorkspace?
    private var lastExemplars: UnsafeBufferPointer<Float>?
    private var lastLabels: UnsafeBufferPointer<Int32>?

    public init(config: AttentionOnlyConfig, seed: UInt64, threads: Int = 1) throws {
        try config.validate()
        self.config = config
        self.threads = max(1, threads)
        layout = AttentionOnlyLayout(config)
        params = FloatBuffer(layout.count)
        grads = FloatBuffer(layout.count)
        (ropeCos, ropeSin) = config.positions == .rope ? PositionTables.rope(context: config.context, headSize: config.headSize) : ([], [])
        sinusoid = config.positions == .sinusoidal ? PositionTables.sinusoidal(context: config.context, width: config.width) : []
        interventions = .none(layers: config.layers, heads: config.heads)
        plan = try RoutingPlan(interventions, config: config)
        BLAS.setThreads(1)
        initialise(seed: seed)
    }

    private func initialise(seed: UInt64) {
        var rng = RNG(seed: seed).derive("attention-only-init")
        for t in layout.tensors {
            let v = values(of: t)
            let std: Double
            if t.name.hasSuffix(".bias") { v.update(repeating: 0); continue }
            if t.name.hasSuffix("ln.weight") || t.name == "ln_f.weight" { v.update(repeating: 1); continue }
            switch t.name {
            case "embed.label.weight": std = config.labelEmbeddingStd
            case "embed.position.weight": std = 0.02
            default: std = 1 / Double(t.shape[1]).squareRoot()
            }
            for i in v.indices { v[i] = Float(rng.gaussian() * std) }
        }
    }

    /// Replaces the interventions; checked against the model before use.
    public func intervene(_ v: Interventions) throws {
        plan = try RoutingPlan(v, config: config)
        interventions = v
        ws = nil
    }

    // MARK: Named views

    public var parameterTensors: [ParameterTensor] { layout.tensors }
    public var parameters: UnsafeMutableBufferPointer<Float> { params.buffer }
    public var gradients: UnsafeMutableBufferPointer<Float> { grads.buffer }
    public var architecture: [(String, AttributeValue)] { config.attributes }
    public func tensor(named name: String) -> ParameterTensor? { layout.tensors.first { $0.name == name } }
    public func values(of t: ParameterTensor) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: params.pointer + t.offset, count: t.count)
    }
    public func gradient(of t: ParameterTensor) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: grads.pointer + t.offset, count: t.count)
    }
    public func zeroGradients() { grads.zero() }

    private var workspace: AttentionOnlyWorkspace {
        get throws { guard let ws else { throw TransformerError.noForwardPass }; return ws }
    }

    /// Attention probabilities of `layer` in the last forward pass, `[B, H, T, T]` (after clamps).
    public func pattern(layer: Int) throws -> UnsafeBufferPointer<Float> { UnsafeBufferPointer(try workspace.layers[layer].att.buffer) }
    /// Logits of the last forward pass at sequence b's last position (the query), `[labels]`.
    public func queryLogits(sequence b: Int) throws -> UnsafeBufferPointer<Float> {
        let ws = try workspace, V = config.labels
        return UnsafeBufferPointer(start: ws.logits.pointer + queryRow(b, ws) * V, count: V)
    }

    /// The logit row of sequence b's last position.
    private func queryRow(_ b: Int, _ ws: AttentionOnlyWorkspace) -> Int {
        config.readout == .last ? b : b * ws.length + ws.length - 1
    }

    /// The residual row read out as row r: sequence b's last position, or position r itself.
    private func readoutSource(_ r: Int, _ ws: AttentionOnlyWorkspace) -> Int {
        config.readout == .last ? r * ws.length + ws.length - 1 : r
    }
    /// Per-position loss of the last `loss` call, `[B, T]` (0 where the mask is off).
    public func lossPerPosition() throws -> UnsafeBufferPointer<Float> { UnsafeBufferPointer(try workspace.lossAt.buffer) }
    /// Each head's mixed values `[B, T, C]` (head h in columns h*hs..<(h+1)*hs), before the output projection.
    public func headValues(layer: Int) throws -> UnsafeBufferPointer<Float> { UnsafeBufferPointer(try workspace.layers[layer].y.buffer) }

    // MARK: Forward

    public func forward(_ input: ModelInput, batch B: Int, length T: Int) throws {
        guard case let .interleaved(x, labels) = input else {
            throw TransformerError.shapeMismatch(what: "an attention-only model reads interleaved exemplars and labels", expected: B * T, got: 0)
        }
        try validate(x, labels, batch: B, length: T)
        if ws == nil || ws!.batch != B || ws!.length != T {
            ws = AttentionOnlyWorkspace(config: config, plan: plan, batch: B, length: T, workers: threads)
        }
        let ws = ws!
        lastExemplars = x; lastLabels = labels
        timer.time(.embedding) { embed(x, labels, ws) }
        if plan.usesPreviousEmbedding { shiftEmbeddings(ws) }
        for l in 0..<config.layers { layerForward(l, ws) }
        readoutForward(labels, ws)
    }

    private func validate(_ x: UnsafeBufferPointer<Float>, _ labels: UnsafeBufferPointer<Int32>, batch B: Int, length T: Int) throws {
        guard T <= config.context else { throw TransformerError.sequenceTooLong(length: T, context: config.context) }
        let nx = B * ((T + 1) / 2) * config.exemplarSize, nl = B * (T / 2)
        if x.count != nx { throw TransformerError.shapeMismatch(what: "exemplar input", expected: nx, got: x.count) }
        if labels.count != nl { throw TransformerError.shapeMismatch(what: "label input", expected: nl, got: labels.count) }
        if let i = labels.indices.first(where: { labels[$0] < 0 || Int(labels[$0]) >= config.labels }) {
            throw TransformerError.tokenOutOfRange(what: "label input", position: i, token: labels[i], vocabulary: config.labels)
        }
        for clamp in interventions.patterns {
            guard case let .rows(values, first) = clamp.value else { continue }
            let needed = B * (T - first) * T
            if !(0..<T).contains(first) || values.count != needed {
                throw TransformerError.shapeMismatch(what: "pattern clamp rows \(first)..<\(T) of layer \(clamp.layer) head \(clamp.head)",
                                                     expected: needed, got: values.count)
            }
        }
    }

    private func embed(_ x: UnsafeBufferPointer<Float>, _ labels: UnsafeBufferPointer<Int32>, _ ws: AttentionOnlyWorkspace) {
        let B = ws.batch, T = ws.length, C = config.width, p = params.pointer, L = layout
        let nx = (T + 1) / 2, nl = T / 2, rows = ws.exemplarRows.pointer, out = ws.embedded.pointer
        LinearKernels.forward(x: UnsafeMutablePointer(mutating: x.baseAddress!), weight: p + L.exemplarW, bias: p + L.exemplarB,
                              y: rows, rows: B * nx, in: config.exemplarSize, out: C, workers: threads)
        for b in 0..<B {
            for t in 0..<T {
                let row = out + (b * T + t) * C
                let source = t % 2 == 0 ? rows + (b * nx + t / 2) * C : p + L.labelEmbedding + Int(labels[b * nl + t / 2]) * C
                row.update(from: source, count: C)
                if let pe = L.positionEmbedding {
                    let pos = p + pe + t * C
                    for j in 0..<C { row[j] += pos[j] }
                } else if !sinusoid.isEmpty {
                    sinusoid.withUnsafeBufferPointer { s in for j in 0..<C { row[j] += s[t * C + j] } }
                }
            }
        }
    }

    /// The previous position's embedding at each position; position 0 and the query keep their own.
    private func shiftEmbeddings(_ ws: AttentionOnlyWorkspace) {
        let T = ws.length, C = config.width, e = ws.embedded.pointer, out = ws.previous.pointer
        for b in 0..<ws.batch {
            for t in 0..<T {
                let source = t == 0 || t == T - 1 ? t : t - 1
                (out + (b * T + t) * C).update(from: e + (b * T + source) * C, count: C)
            }
        }
    }

    private func termValues(_ term: ResidualTerm, _ ws: AttentionOnlyWorkspace) -> UnsafeMutablePointer<Float> {
        switch term {
        case .embedding: return ws.embedded.pointer
        case .previousEmbedding: return ws.previous.pointer
        case let .heads(l, set): return ws.headOutputs[plan.headTermIndex(l, set)].pointer
        }
    }

    private func termGradient(_ term: ResidualTerm, _ ws: AttentionOnlyWorkspace) -> UnsafeMutablePointer<Float> {
        switch term {
        case .embedding: return ws.dEmbedded.pointer
        case .previousEmbedding: return ws.dPrevious.pointer
        case let .heads(l, set): return ws.dHeadOutputs[plan.headTermIndex(l, set)].pointer
        }
    }

    private func sum(_ terms: [ResidualTerm], into out: UnsafeMutablePointer<Float>, _ ws: AttentionOnlyWorkspace) {
        let n = ws.batch * ws.length * config.width
        out.update(repeating: 0, count: n)
        for term in terms {
            let v = termValues(term, ws)
            for i in 0..<n { out[i] += v[i] }
        }
    }

    private func layerForward(_ l: Int, _ ws: AttentionOnlyWorkspace) {
        let B = ws.batch, T = ws.length, N = B * T, C = config.width, H = config.heads, hs = config.headSize
        let p = params.pointer, o = layout.blocks[l], a = ws.layers[l], inputs = plan.layers[l]
        for (i, terms) in inputs.lists.enumerated() {
            let input = a.inputs[i]
            timer.time(.residual) { sum(terms, into: input.sum.pointer, ws) }
            timer.time(.layerNorm) {
                ElementwiseKernels.layerNormForward(x: input.sum.pointer, w: p + o.lnW, b: p + o.lnB, out: input.normed.pointer,
                                                    mean: input.mean.pointer, rstd: input.rstd.pointer, rows: N, C: C, workers: threads)
            }
        }
        timer.time(.matmul) {
            func project(_ w: Int, _ role: Int, _ out: FloatBuffer) {
                LinearKernels.forward(x: a.inputs[role].normed.pointer, weight: p + w, bias: nil, y: out.pointer,
                                      rows: N, in: C, out: C, workers: threads)
            }
            project(o.q, inputs.query, a.q); project(o.k, inputs.key, a.k); project(o.v, inputs.value, a.v)
        }
        let ablated = interventions.ablated[l]
        if ablated != .none {
            for h in 0..<H where ablated.contains(h) {
                for i in 0..<N { (a.v.pointer + i * C + h * hs).update(repeating: 0, count: hs) }
            }
        }
        if config.positions == .rope {
            timer.time(.embedding) { rotate(a.q.pointer, rows: N, length: T, inverse: false); rotate(a.k.pointer, rows: N, length: T, inverse: false) }
        }
        timer.time(.attention) { attentionForward(l, a, B: B, T: T) }
        timer.time(.matmul) {
            for (i, term) in plan.headTerms.enumerated() where term.layer == l {
                var source = a.y.pointer
                if term.heads != .all(H) {
                    source = ws.maskedValues[i].pointer
                    maskHeads(a.y.pointer, keeping: term.heads, into: source, rows: N)
                }
                LinearKernels.forward(x: source, weight: p + o.o, bias: nil, y: ws.headOutputs[i].pointer, rows: N, in: C, out: C, workers: threads)
            }
        }
    }

    private func maskHeads(_ y: UnsafeMutablePointer<Float>, keeping set: HeadSet, into out: UnsafeMutablePointer<Float>, rows: Int) {
        let C = config.width, hs = config.headSize
        for i in 0..<rows {
            for h in 0..<config.heads {
                let dst = out + i * C + h * hs
                if set.contains(h) { dst.update(from: y + i * C + h * hs, count: hs) } else { dst.update(repeating: 0, count: hs) }
            }
        }
    }

    /// RoPE on every head of `[rows, C]` queries or keys; `inverse` applies the transpose (backward).
    private func rotate(_ x: UnsafeMutablePointer<Float>, rows: Int, length T: Int, inverse: Bool) {
        let C = config.width, hs = config.headSize, half = hs / 2, sign: Float = inverse ? -1 : 1
        ropeCos.withUnsafeBufferPointer { cosT in
            ropeSin.withUnsafeBufferPointer { sinT in
                for r in 0..<rows {
                    let t = r % T, row = x + r * C
                    for h in 0..<config.heads {
                        let v = row + h * hs
                        for i in 0..<half {
                            let c = cosT[t * half + i], s = sign * sinT[t * half + i]
                            let x0 = v[2 * i], x1 = v[2 * i + 1]
                            v[2 * i] = x0 * c - x1 * s
                            v[2 * i + 1] = x0 * s + x1 * c
                        }
                    }
                }
            }
        }
    }

    private var scale: Float { 1 / Float(config.headSize).squareRoot() }

    private func attentionForward(_ l: Int, _ a: AttentionOnlyWorkspace.Layer, B: Int, T: Int) {
        let C = config.width, H = config.heads, hs = config.headSize, scale = scale
        let q = a.q.pointer, k = a.k.pointer, v = a.v.pointer, att = a.att.pointer, y = a.y.pointer
        let clamps = plan.clampIndex[l]
        Parallel.ranges(B, workers: threads, minPerWorker: 64) { sequences in
            for b in sequences {
                for h in 0..<H {
                    let pattern = att + (b * H + h) * T * T
                    for i in 0..<T {
                        let row = pattern + i * T, qi = q + (b * T + i) * C + h * hs
                        var mx = -Float.infinity
                        for j in 0...i {
                            row[j] = VectorReductions.dot(qi, k + (b * T + j) * C + h * hs, hs) * scale
                            mx = Swift.max(mx, row[j])
                        }
                        var s: Float = 0
                        for j in 0...i { row[j] = FastMath.exp(row[j] - mx); s += row[j] }
                        for j in 0...i { row[j] /= s }
                        for j in (i + 1)..<T { row[j] = 0 }
                    }
                    if clamps[h] >= 0 { overwrite(pattern, with: interventions.patterns[clamps[h]].value, sequence: b, T: T) }
                    for i in 0..<T {
                        let row = pattern + i * T, yi = y + (b * T + i) * C + h * hs
                        yi.update(repeating: 0, count: hs)
                        for j in 0...i {
                            let w = row[j], vj = v + (b * T + j) * C + h * hs
                            for d in 0..<hs { yi[d] += w * vj[d] }
                        }
                    }
                }
            }
        }
    }

    private func overwrite(_ pattern: UnsafeMutablePointer<Float>, with value: PatternValue, sequence b: Int, T: Int) {
        switch value {
        case .previousToken:
            pattern.update(repeating: 0, count: T * T)
            for i in 0..<T { pattern[i * T + Swift.max(0, i - 1)] = 1 }
        case let .rows(values, first):
            let n = (T - first) * T
            (pattern + first * T).update(from: values.baseAddress! + b * n, count: n)
        }
    }

    private func readoutForward(_ labels: UnsafeBufferPointer<Int32>, _ ws: AttentionOnlyWorkspace) {
        let R = ws.readoutRows, C = config.width, V = config.labels, p = params.pointer, L = layout
        timer.time(.residual) {
            sum(interventions.routing.readout, into: ws.readoutAll.pointer, ws)
            if config.readout == .last {
                for r in 0..<R { (ws.readout.pointer + r * C).update(from: ws.readoutAll.pointer + readoutSource(r, ws) * C, count: C) }
            } else {
                ws.readout.copy(from: ws.readoutAll)
            }
        }
        timer.time(.layerNorm) {
            ElementwiseKernels.layerNormForward(x: ws.readout.pointer, w: p + L.lnfW, b: p + L.lnfB, out: ws.lnf.pointer,
                                                mean: ws.lnfMean.pointer, rstd: ws.lnfRstd.pointer, rows: R, C: C, workers: threads)
        }
        timer.time(.matmul) {
            LinearKernels.forward(x: ws.lnf.pointer, weight: p + L.unembedding, bias: L.unembeddingBias.map { p + $0 },
                                  y: ws.logits.pointer, rows: R, in: C, out: V, workers: threads)
        }
        guard case let .headScores(l, h) = interventions.readout else { return }
        let T = ws.length, a = ws.layers[l], hs = config.headSize
        for b in 0..<ws.batch {
            let row = ws.logits.pointer + queryRow(b, ws) * V
            row.update(repeating: -1e9, count: V)
            let q = a.q.pointer + (b * T + T - 1) * C + h * hs
            for pos in stride(from: 1, to: T, by: 2) {
                row[Int(labels[b * (T / 2) + pos / 2])] = VectorReductions.dot(q, a.k.pointer + (b * T + pos) * C + h * hs, hs) * scale
            }
        }
    }

    // MARK: Loss

    /// Cross-entropy over the labels, averaged over the positions `mask` keeps (the query).
    /// With last-position readout the mask may keep only last positions.
    public func loss(_ targets: Targets, mask: UnsafeBufferPointer<Bool>?) throws -> Float {
        let ws = try workspace
        guard case let .tokens(t) = targets else {
            throw TransformerError.shapeMismatch(what: "an attention-only model is trained on label targets", expected: ws.batch * ws.length, got: 0)
        }
        let N = ws.batch * ws.length, R = ws.readoutRows
        try LossKernels.validate(targets: t, mask: mask, rows: N, classes: config.labels)
        let scale = LossKernels.meanScale(mask: mask, rows: N)
        if config.readout == .last, let mask, let i = mask.indices.first(where: { mask[$0] && $0 % ws.length != ws.length - 1 }) {
            throw TransformerError.shapeMismatch(what: "loss mask: position \(i % ws.length) of sequence \(i / ws.length) is on, but the model reads out only the last position",
                                                 expected: 0, got: 1)
        }
        for r in 0..<R {
            let source = readoutSource(r, ws)
            ws.rowTargets[r] = t[source]; ws.rowMask[r] = mask?[source] ?? true
        }
        let rowLoss = config.readout == .last ? ws.rowLoss.pointer : ws.lossAt.pointer
        timer.time(.loss) {
            LossKernels.crossEntropy(logits: ws.logits.pointer, dLogits: ws.dLogits.pointer, lossAt: rowLoss,
                                     targets: UnsafeBufferPointer(ws.rowTargets), mask: UnsafeBufferPointer(ws.rowMask),
                                     rows: R, classes: config.labels, scale: scale, workers: threads)
        }
        if config.readout == .last {
            ws.lossAt.zero()
            for r in 0..<R { ws.lossAt.pointer[readoutSource(r, ws)] = rowLoss[r] }
        }
        var total = 0.0
        for i in 0..<N { total += Double(ws.lossAt.pointer[i]) }
        return Float(total * Double(scale))
    }

    // MARK: Backward

    public func backward() {
        guard let ws, let x = lastExemplars, let labels = lastLabels else { return }
        let C = config.width, V = config.labels
        let p = params.pointer, g = grads.pointer, L = layout
        ws.dEmbedded.zero(); ws.dPrevious.zero(); ws.dReadout.zero(); ws.dReadoutAll.zero()
        for d in ws.dHeadOutputs { d.zero() }
        for a in ws.layers {
            a.dq.zero(); a.dk.zero(); a.dv.zero(); a.dy.zero()
            for input in a.inputs { input.dNormed.zero(); input.dSum.zero() }
        }
        if case let .headScores(l, h) = interventions.readout { scoreReadoutBackward(l, h, labels, ws) }
        let R = ws.readoutRows
        timer.time(.matmul) {
            LinearKernels.backward(dy: ws.dLogits.pointer, x: ws.lnf.pointer, weight: p + L.unembedding, dx: ws.dlnf.pointer,
                                   dWeight: g + L.unembedding, dBias: L.unembeddingBias.map { g + $0 }, rows: R, in: C, out: V,
                                   workers: threads)
        }
        timer.time(.layerNorm) {
            ElementwiseKernels.layerNormBackward(dout: ws.dlnf.pointer, x: ws.readout.pointer, w: p + L.lnfW, mean: ws.lnfMean.pointer,
                                                 rstd: ws.lnfRstd.pointer, dx: ws.dReadout.pointer, dw: g + L.lnfW, db: g + L.lnfB,
                                                 rows: R, C: C, workers: threads)
        }
        timer.time(.residual) {
            if config.readout == .last {
                for r in 0..<R { (ws.dReadoutAll.pointer + readoutSource(r, ws) * C).update(from: ws.dReadout.pointer + r * C, count: C) }
            } else {
                ws.dReadoutAll.copy(from: ws.dReadout)
            }
            distribute(ws.dReadoutAll.pointer, to: interventions.routing.readout, ws)
        }
        for l in stride(from: config.layers - 1, through: 0, by: -1) { layerBackward(l, ws) }
        timer.time(.embedding) { embeddingBackward(x, labels, ws) }
    }

    /// The score readout's logit gradients at the query go to that head's query and key; the
    /// query rows of `dLogits` are then cleared so that the unembedding gets nothing from them.
    private func scoreReadoutBackward(_ l: Int, _ h: Int, _ labels: UnsafeBufferPointer<Int32>, _ ws: AttentionOnlyWorkspace) {
        let T = ws.length, C = config.width, V = config.labels, hs = config.headSize, a = ws.layers[l], scale = scale
        for b in 0..<ws.batch {
            let row = ws.dLogits.pointer + queryRow(b, ws) * V
            let q = a.q.pointer + (b * T + T - 1) * C + h * hs, dq = a.dq.pointer + (b * T + T - 1) * C + h * hs
            let label = { (pos: Int) in Int(labels[b * (T / 2) + pos / 2]) }
            for pos in stride(from: 1, to: T, by: 2) where !stride(from: pos + 2, to: T, by: 2).contains(where: { label($0) == label(pos) }) {
                let d = row[label(pos)] * scale
                let k = a.k.pointer + (b * T + pos) * C + h * hs, dk = a.dk.pointer + (b * T + pos) * C + h * hs
                for i in 0..<hs { dq[i] += d * k[i]; dk[i] += d * q[i] }
            }
            row.update(repeating: 0, count: V)
        }
    }

    private func distribute(_ d: UnsafeMutablePointer<Float>, to terms: [ResidualTerm], _ ws: AttentionOnlyWorkspace) {
        let n = ws.batch * ws.length * config.width
        for term in terms {
            let out = termGradient(term, ws)
            for i in 0..<n { out[i] += d[i] }
        }
    }

    private func layerBackward(_ l: Int, _ ws: AttentionOnlyWorkspace) {
        let B = ws.batch, T = ws.length, N = B * T, C = config.width, H = config.heads, hs = config.headSize
        let p = params.pointer, g = grads.pointer, o = layout.blocks[l], a = ws.layers[l], inputs = plan.layers[l]
        timer.time(.matmul) {
            for (i, term) in plan.headTerms.enumerated() where term.layer == l {
                let dOut = ws.dHeadOutputs[i].pointer
                if term.heads == .all(H) {
                    LinearKernels.backward(dy: dOut, x: a.y.pointer, weight: p + o.o, dx: a.dy.pointer, dWeight: g + o.o, dBias: nil,
                                           rows: N, in: C, out: C, accumulate: true, workers: threads)
                } else {
                    LinearKernels.backward(dy: dOut, x: ws.maskedValues[i].pointer, weight: p + o.o, dx: ws.scratch.pointer,
                                           dWeight: g + o.o, dBias: nil, rows: N, in: C, out: C, workers: threads)
                    for r in 0..<N {
                        for h in 0..<H where term.heads.contains(h) {
                            let dst = a.dy.pointer + r * C + h * hs, src = ws.scratch.pointer + r * C + h * hs
                            for j in 0..<hs { dst[j] += src[j] }
                        }
                    }
                }
            }
        }
        timer.time(.attention) { attentionBackward(l, a, ws, B: B, T: T) }
        if config.positions == .rope {
            timer.time(.embedding) { rotate(a.dq.pointer, rows: N, length: T, inverse: true); rotate(a.dk.pointer, rows: N, length: T, inverse: true) }
        }
        timer.time(.matmul) {
            func project(_ w: Int, _ role: Int, _ d: FloatBuffer) {
                let input = a.inputs[role]
                LinearKernels.backward(dy: d.pointer, x: input.normed.pointer, weight: p + w, dx: input.dNormed.pointer, dWeight: g + w,
                                       dBias: nil, rows: N, in: C, out: C, accumulate: true, workers: threads)
            }
            project(o.q, inputs.query, a.dq); project(o.k, inputs.key, a.dk); project(o.v, inputs.value, a.dv)
        }
        for (i, terms) in inputs.lists.enumerated() {
            let input = a.inputs[i]
            timer.time(.layerNorm) {
                ElementwiseKernels.layerNormBackward(dout: input.dNormed.pointer, x: input.sum.pointer, w: p + o.lnW, mean: input.mean.pointer,
                                                     rstd: input.rstd.pointer, dx: input.dSum.pointer, dw: g + o.lnW, db: g + o.lnB,
                                                     rows: N, C: C, workers: threads)
            }
            timer.time(.residual) { distribute(input.dSum.pointer, to: terms, ws) }
        }
    }

    private func attentionBackward(_ l: Int, _ a: AttentionOnlyWorkspace.Layer, _ ws: AttentionOnlyWorkspace, B: Int, T: Int) {
        let C = config.width, H = config.heads, hs = config.headSize, scale = scale
        let q = a.q.pointer, k = a.k.pointer, v = a.v.pointer, att = a.att.pointer
        let dq = a.dq.pointer, dk = a.dk.pointer, dv = a.dv.pointer, dy = a.dy.pointer
        let ablated = interventions.ablated[l]
        let firstClamped = plan.firstClampedRow[l]
        Parallel.workerRanges(B, workers: threads, minPerWorker: 64) { worker, sequences in
            let ds = ws.dScores.pointer + worker * T * T
            for b in sequences {
                for h in 0..<H {
                    let pattern = att + (b * H + h) * T * T
                    for i in 0..<T {
                        let row = pattern + i * T, dyi = dy + (b * T + i) * C + h * hs, dsr = ds + i * T
                        for j in 0...i {
                            dsr[j] = VectorReductions.dot(dyi, v + (b * T + j) * C + h * hs, hs)
                            if !ablated.contains(h) {
                                let dvj = dv + (b * T + j) * C + h * hs, w = row[j]
                                for d in 0..<hs { dvj[d] += w * dyi[d] }
                            }
                        }
                        guard i < firstClamped[h] else { continue }
                        var s: Float = 0
                        for j in 0...i { s += row[j] * dsr[j] }
                        let qi = q + (b * T + i) * C + h * hs, dqi = dq + (b * T + i) * C + h * hs
                        for j in 0...i {
                            let dScore = row[j] * (dsr[j] - s) * scale
                            let kj = k + (b * T + j) * C + h * hs, dkj = dk + (b * T + j) * C + h * hs
                            for d in 0..<hs { dqi[d] += dScore * kj[d]; dkj[d] += dScore * qi[d] }
                        }
                    }
                }
            }
        }
    }

    private func embeddingBackward(_ x: UnsafeBufferPointer<Float>, _ labels: UnsafeBufferPointer<Int32>, _ ws: AttentionOnlyWorkspace) {
        let B = ws.batch, T = ws.length, C = config.width, g = grads.pointer, L = layout
        let nx = (T + 1) / 2, nl = T / 2, d = ws.dEmbedded.pointer, rows = ws.exemplarRows.pointer
        if plan.usesPreviousEmbedding {
            let dp = ws.dPrevious.pointer
            for b in 0..<B {
                for t in 0..<T {
                    let target = d + (b * T + (t == 0 || t == T - 1 ? t : t - 1)) * C, src = dp + (b * T + t) * C
                    for j in 0..<C { target[j] += src[j] }
                }
            }
        }
        for b in 0..<B {
            for t in 0..<T {
                let row = d + (b * T + t) * C
                if t % 2 == 0 {
                    (rows + (b * nx + t / 2) * C).update(from: row, count: C)
                } else {
                    let e = g + L.labelEmbedding + Int(labels[b * nl + t / 2]) * C
                    for j in 0..<C { e[j] += row[j] }
                }
                if let pe = L.positionEmbedding {
                    let pos = g + pe + t * C
                    for j in 0..<C { pos[j] += row[j] }
                }
            }
        }
        LinearKernels.backward(dy: rows, x: UnsafeMutablePointer(mutating: x.baseAddress!), weight: params.pointer + L.exemplarW, dx: nil,
                               dWeight: g + L.exemplarW, dBias: g + L.exemplarB, rows: B * nx, in: config.exemplarSize, out: C,
                               workers: threads)
    }
}
