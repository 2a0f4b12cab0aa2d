import Linalg

/// What the model reads, borrowed from the caller (a world's batch buffers are read in place,
/// never copied): `[B, T, dIn]` real vectors or `[B, T]` token ids, row-major, sequence b
/// starting at element `b * sequenceStride` (nil: packed, `T * dIn` or `T`). A stride lets a
/// batch hold longer sequences than the model reads. The buffer must stay valid and unchanged
/// until `backward()` has run.
public enum ModelInput {
    case continuous(UnsafeBufferPointer<Float>, sequenceStride: Int? = nil)
    case tokens(UnsafeBufferPointer<Int32>, sequenceStride: Int? = nil)
    /// Few-shot sequences `x1 y1 x2 y2 ... xq`: exemplar vectors `[B, (T+1)/2, dIn]` at the even
    /// positions and label ids `[B, T/2]` at the odd ones, both packed (`AttentionOnlyModel`).
    case interleaved(exemplars: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>)
}

/// A GPT-2-style decoder with one flat Float32 buffer each for parameters and gradients.
///
/// Blocks are pre-LN: `x + attn(ln_1(x))`, then `+ mlp(ln_2(.))` when the config has an MLP.
/// The MLP is `c_proj(gelu(c_fc(.)))` with the tanh GELU of GPT-2. Initialisation is GPT-2's:
/// every weight matrix and embedding N(0, 0.02), the two residual projections (`attn.c_proj`,
/// `mlp.c_proj`) N(0, 0.02 / sqrt(2 * layers)), biases 0, layer-norm weights 1.
public final class GPTModel {
    public let config: ModelConfig
    /// Worker count for every loop and product (OpenBLAS runs single-threaded inside each).
    public let threads: Int
    let layout: ParameterLayout
    let params: FloatBuffer
    let grads: FloatBuffer
    public let timer = OpTimer()
    private(set) var workspace: Workspace?
    private var lastInput: ModelInput?

    /// Called at every `ActivationSite` during `forward` when set.
    public var activationHook: ActivationHook?

    public init(config: ModelConfig, seed: UInt64, threads: Int = 1) throws {
        try config.validate()
        self.config = config
        self.threads = max(1, threads)
        layout = ParameterLayout(config)
        params = FloatBuffer(layout.count)
        grads = FloatBuffer(layout.count)
        BLAS.setThreads(1)
        initialise(seed: seed)
    }

    private func initialise(seed: UInt64) {
        var rng = RNG(seed: seed).derive("transformer-init")
        let residualStd = 0.02 / (2 * Double(config.layers)).squareRoot()
        for t in layout.tensors {
            let v = values(of: t)
            if t.name.hasSuffix(".bias") {
                v.update(repeating: 0)
            } else if t.name.hasPrefix("ln_") || t.name.contains(".ln_") {
                v.update(repeating: 1)
            } else {
                let std = t.name.hasSuffix("c_proj.weight") ? residualStd : 0.02
                for i in v.indices { v[i] = Float(rng.gaussian() * std) }
            }
        }
    }

    // MARK: Named views

    public var parameterTensors: [ParameterTensor] { layout.tensors }
    public var parameterCount: Int { layout.count }
    public var parameters: UnsafeMutableBufferPointer<Float> { params.buffer }
    public var gradients: UnsafeMutableBufferPointer<Float> { grads.buffer }

    public func zeroGradients() { grads.zero() }

    /// Outputs of the last forward pass, `[B, T, outputSize]`: regression predictions or logits.
    public var predictions: UnsafeBufferPointer<Float> {
        guard let ws = workspace else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(ws.output.buffer)
    }

    /// Per-position loss of the last `loss` call, `[B, T]` (0 at masked-out positions).
    public var lossPerPosition: UnsafeBufferPointer<Float> {
        guard let ws = workspace else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(ws.lossPerPosition.buffer)
    }

    /// The workspace for this shape, reallocated only when the shape changes.
    func workspace(batch: Int, length: Int) -> Workspace {
        if let ws = workspace, ws.batch == batch, ws.length == length { return ws }
        let ws = Workspace(config: config, batch: batch, length: length, workers: threads)
        workspace = ws
        return ws
    }

    // MARK: Forward

    /// Runs the model on `batch` sequences of `length` positions.
    public func forward(_ input: ModelInput, batch B: Int, length T: Int) throws {
        guard T <= config.context else { throw TransformerError.sequenceTooLong(length: T, context: config.context) }
        try validate(input, batch: B, length: T)
        let ws = workspace(batch: B, length: T)
        lastInput = input
        let C = config.width, N = B * T, w = threads, p = params.pointer, L = layout

        timer.time(.embedding) { embed(input, into: ws.embedded.pointer, B: B, T: T) }
        hook(.embedding, ws.embedded, [B, T, C])
        let attention = AttentionKernels(B: B, T: T, C: C, H: config.heads, workers: w)
        var x = ws.embedded.pointer
        for (l, a) in ws.layers.enumerated() {
            let o = L.blocks[l]
            timer.time(.layerNorm) {
                ElementwiseKernels.layerNormForward(x: x, w: p + o.ln1w, b: p + o.ln1b, out: a.ln1.pointer,
                                                    mean: a.ln1Mean.pointer, rstd: a.ln1Rstd.pointer, rows: N, C: C, workers: w)
            }
            timer.time(.matmul) {
                LinearKernels.forward(x: a.ln1.pointer, weight: p + o.qkvW, bias: p + o.qkvB, y: a.qkv.pointer,
                                      rows: N, in: C, out: 3 * C, workers: w)
            }
            if activationHook == nil {
                timer.time(.attention) { attention.patternsAndMix(qkv: a.qkv.pointer, att: a.att.pointer, y: a.atty.pointer) }
            } else {
                timer.time(.attention) { attention.patterns(qkv: a.qkv.pointer, att: a.att.pointer) }
                hook(.attentionPattern(layer: l), a.att, [B, config.heads, T, T])
                timer.time(.attention) { attention.mix(qkv: a.qkv.pointer, att: a.att.pointer, y: a.atty.pointer) }
            }
            timer.time(.matmul) {
                LinearKernels.forward(x: a.atty.pointer, weight: p + o.projW, bias: p + o.projB, y: a.attnOut.pointer,
                                      rows: N, in: C, out: C, workers: w)
            }
            hook(.attentionOutput(layer: l), a.attnOut, [B, T, C])
            timer.time(.residual) { ElementwiseKernels.add(x, a.attnOut.pointer, out: a.res2.pointer, count: N * C, workers: w) }
            if config.mlp {
                timer.time(.layerNorm) {
                    ElementwiseKernels.layerNormForward(x: a.res2.pointer, w: p + o.ln2w, b: p + o.ln2b, out: a.ln2.pointer,
                                                        mean: a.ln2Mean.pointer, rstd: a.ln2Rstd.pointer, rows: N, C: C, workers: w)
                }
                timer.time(.matmul) {
                    LinearKernels.forward(x: a.ln2.pointer, weight: p + o.fcW, bias: p + o.fcB, y: a.fc.pointer,
                                          rows: N, in: C, out: 4 * C, workers: w)
                }
                timer.time(.gelu) { ElementwiseKernels.geluForward(x: a.fc.pointer, out: a.gelu.pointer, count: N * 4 * C, workers: w) }
                timer.time(.matmul) {
                    LinearKernels.forward(x: a.gelu.pointer, weight: p + o.fcProjW, bias: p + o.fcProjB, y: a.res3.pointer,
                                          rows: N, in: 4 * C, out: C, workers: w)
                }
                timer.time(.residual) { ElementwiseKernels.add(a.res3.pointer, a.res2.pointer, out: a.res3.pointer, count: N * C, workers: w) }
            }
            hook(.blockOutput(layer: l), a.output, [B, T, C])
            x = a.output.pointer
        }
        timer.time(.layerNorm) {
            ElementwiseKernels.layerNormForward(x: x, w: p + L.lnfW, b: p + L.lnfB, out: ws.lnf.pointer,
                                                mean: ws.lnfMean.pointer, rstd: ws.lnfRstd.pointer, rows: N, C: C, workers: w)
        }
        timer.time(.matmul) {
            LinearKernels.forward(x: ws.lnf.pointer, weight: p + L.readOut, bias: readOutBias, y: ws.output.pointer,
                                  rows: N, in: C, out: config.outputSize, workers: w)
        }
    }

    private var readOutBias: UnsafeMutablePointer<Float>? {
        if case .regression = config.output { return params.pointer + layout.readOutBias }
        return nil
    }
    private var readOutBiasGradient: UnsafeMutablePointer<Float>? {
        if case .regression = config.output { return grads.pointer + layout.readOutBias }
        return nil
    }

    /// The shape is built only when a hook is set: an array literal would otherwise cost a
    /// heap allocation per site and pass.
    @inline(__always)
    private func hook(_ site: ActivationSite, _ buffer: FloatBuffer, _ shape: @autoclosure () -> [Int]) {
        guard let activationHook else { return }
        activationHook(ActivationView(site: site, values: buffer.buffer, shape: shape()))
    }

    private func validate(_ input: ModelInput, batch B: Int, length T: Int) throws {
        switch (input, config.input) {
        case let (.continuous(x, stride), .continuous(d)):
            let s = stride ?? T * d, needed = (B - 1) * s + T * d
            if s < T * d { throw TransformerError.shapeMismatch(what: "continuous input sequence stride", expected: T * d, got: s) }
            if x.count < needed { throw TransformerError.shapeMismatch(what: "continuous input", expected: needed, got: x.count) }
        case let (.tokens(ids, stride), .tokens(v)):
            let s = stride ?? T, needed = (B - 1) * s + T
            if s < T { throw TransformerError.shapeMismatch(what: "input token sequence stride", expected: T, got: s) }
            if ids.count < needed { throw TransformerError.shapeMismatch(what: "input tokens", expected: needed, got: ids.count) }
            for b in 0..<B {
                for t in 0..<T where ids[b * s + t] < 0 || Int(ids[b * s + t]) >= v {
                    throw TransformerError.tokenOutOfRange(what: "input tokens", position: b * T + t, token: ids[b * s + t], vocabulary: v)
                }
            }
        case (.interleaved, _):
            throw TransformerError.shapeMismatch(what: "a GPT reads tokens or vectors, not interleaved exemplars and labels", expected: B * T, got: 0)
        case (.continuous, .tokens):
            throw TransformerError.shapeMismatch(what: "token model given continuous input", expected: B * T, got: 0)
        case (.tokens, .continuous):
            throw TransformerError.shapeMismatch(what: "continuous model given token input", expected: B * T * config.inputSize, got: 0)
        }
    }

    private func embed(_ input: ModelInput, into out: UnsafeMutablePointer<Float>, B: Int, T: Int) {
        let C = config.width, p = params.pointer, wpe = p + layout.wpe
        switch input {
        case let .continuous(x, stride):
            let d = config.inputSize, x = UnsafeMutablePointer(mutating: x.baseAddress!)
            if let stride, stride != T * d {
                Parallel.ranges(B, workers: threads) { sequences in
                    for b in sequences {
                        LinearKernels.forward(x: x + b * stride, weight: p + layout.readIn, bias: p + layout.readInBias,
                                              y: out + b * T * C, rows: T, in: d, out: C, workers: 1)
                    }
                }
            } else {
                LinearKernels.forward(x: x, weight: p + layout.readIn, bias: p + layout.readInBias, y: out,
                                      rows: B * T, in: d, out: C, workers: threads)
            }
            Parallel.ranges(B * T, workers: threads, minPerWorker: 64) { r in
                for i in r {
                    let row = out + i * C, pos = wpe + (i % T) * C
                    for j in 0..<C { row[j] += pos[j] }
                }
            }
        case let .tokens(ids, stride):
            let wte = p + layout.wte, s = stride ?? T, tb = ids.baseAddress!
            Parallel.ranges(B * T, workers: threads, minPerWorker: 64) { r in
                for i in r {
                    let row = out + i * C, tok = wte + Int(tb[(i / T) * s + i % T]) * C, pos = wpe + (i % T) * C
                    for j in 0..<C { row[j] = tok[j] + pos[j] }
                }
            }
        case .interleaved: break   // rejected by `validate`
        }
    }

    // MARK: Backward

    /// Accumulates into `gradients` the gradient of the last `loss` call. Call `zeroGradients()`
    /// first unless accumulating over several batches is intended.
    public func backward() {
        guard let ws = workspace, let input = lastInput else { return }
        let B = ws.batch, T = ws.length, C = config.width, N = B * T, w = threads
        let p = params.pointer, g = grads.pointer, L = layout
        timer.time(.matmul) {
            LinearKernels.backward(dy: ws.doutput.pointer, x: ws.lnf.pointer, weight: p + L.readOut, dx: ws.dlnf.pointer,
                                   dWeight: g + L.readOut, dBias: readOutBiasGradient, rows: N, in: C,
                                   out: config.outputSize, workers: w)
        }
        let lastOutput = ws.layers.last!.output.pointer
        timer.time(.layerNorm) {
            ws.dres.zero()
            ElementwiseKernels.layerNormBackward(dout: ws.dlnf.pointer, x: lastOutput, w: p + L.lnfW, mean: ws.lnfMean.pointer,
                                                 rstd: ws.lnfRstd.pointer, dx: ws.dres.pointer, dw: g + L.lnfW, db: g + L.lnfB,
                                                 rows: N, C: C, workers: w)
        }
        let attention = AttentionKernels(B: B, T: T, C: C, H: config.heads, workers: w)
        let dres = ws.dres.pointer, dln = ws.dln.pointer
        for l in stride(from: config.layers - 1, through: 0, by: -1) {
            let a = ws.layers[l], o = L.blocks[l]
            let x = l == 0 ? ws.embedded.pointer : ws.layers[l - 1].output.pointer
            if config.mlp {
                let dfc = ws.dfc.pointer
                timer.time(.matmul) {
                    LinearKernels.backward(dy: dres, x: a.gelu.pointer, weight: p + o.fcProjW, dx: dfc, dWeight: g + o.fcProjW,
                                           dBias: g + o.fcProjB, rows: N, in: 4 * C, out: C, workers: w)
                }
                timer.time(.gelu) { ElementwiseKernels.geluBackward(x: a.fc.pointer, dInOut: dfc, count: N * 4 * C, workers: w) }
                timer.time(.matmul) {
                    LinearKernels.backward(dy: dfc, x: a.ln2.pointer, weight: p + o.fcW, dx: dln, dWeight: g + o.fcW,
                                           dBias: g + o.fcB, rows: N, in: C, out: 4 * C, workers: w)
                }
                timer.time(.layerNorm) {
                    ElementwiseKernels.layerNormBackward(dout: dln, x: a.res2.pointer, w: p + o.ln2w, mean: a.ln2Mean.pointer,
                                                         rstd: a.ln2Rstd.pointer, dx: dres, dw: g + o.ln2w, db: g + o.ln2b,
                                                         rows: N, C: C, workers: w)
                }
            }
            timer.time(.matmul) {
                LinearKernels.backward(dy: dres, x: a.atty.pointer, weight: p + o.projW, dx: ws.datty.pointer, dWeight: g + o.projW,
                                       dBias: g + o.projB, rows: N, in: C, out: C, workers: w)
            }
            timer.time(.attention) {
                attention.backward(dy: ws.datty.pointer, qkv: a.qkv.pointer, att: a.att.pointer, datt: ws.datt.pointer, dqkv: ws.dqkv.pointer)
            }
            timer.time(.matmul) {
                LinearKernels.backward(dy: ws.dqkv.pointer, x: a.ln1.pointer, weight: p + o.qkvW, dx: dln, dWeight: g + o.qkvW,
                                       dBias: g + o.qkvB, rows: N, in: C, out: 3 * C, workers: w)
            }
            timer.time(.layerNorm) {
                ElementwiseKernels.layerNormBackward(dout: dln, x: x, w: p + o.ln1w, mean: a.ln1Mean.pointer,
                                                     rstd: a.ln1Rstd.pointer, dx: dres, dw: g + o.ln1w, db: g + o.ln1b,
                                                     rows: N, C: C, workers: w)
            }
        }
        timer.time(.embedding) { embeddingBackward(input, dres: dres, B: B, T: T) }
    }

    private func embeddingBackward(_ input: ModelInput, dres: UnsafeMutablePointer<Float>, B: Int, T: Int) {
        let C = config.width, g = grads.pointer, dwpe = g + layout.wpe
        Parallel.ranges(C, workers: threads, minPerWorker: 8) { cr in
            for i in 0..<(B * T) {
                let row = dres + i * C, pos = dwpe + (i % T) * C
                for j in cr { pos[j] += row[j] }
            }
        }
        switch input {
        case let .continuous(x, stride):
            let d = config.inputSize, x = UnsafeMutablePointer(mutating: x.baseAddress!)
            let dW = g + layout.readIn, dBias = g + layout.readInBias
            if let stride, stride != T * d {
                // dW += dy^T x one sequence at a time, in sequence order, each output-row range
                // on its own worker: the same sums whatever the thread count.
                Parallel.fixedRanges(C, workers: threads, minPerChunk: 32) { o in
                    for b in 0..<B {
                        BLAS.sgemm(transA: true, transB: false, m: o.count, n: d, k: T, alpha: 1,
                                   a: dres + b * T * C + o.lowerBound, lda: C, b: x + b * stride, ldb: d,
                                   beta: 1, c: dW + o.lowerBound * d, ldc: d)
                    }
                }
                LinearKernels.sumRows(dres, into: dBias, rows: B * T, columns: C, workers: threads)
            } else {
                LinearKernels.backward(dy: dres, x: x, weight: params.pointer + layout.readIn, dx: nil, dWeight: dW,
                                       dBias: dBias, rows: B * T, in: d, out: C, workers: threads)
            }
        case let .tokens(ids, stride):
            let dwte = g + layout.wte, s = stride ?? T, tb = ids.baseAddress!
            Parallel.ranges(C, workers: threads, minPerWorker: 8) { cr in
                for i in 0..<(B * T) {
                    let row = dres + i * C, tok = dwte + Int(tb[(i / T) * s + i % T]) * C
                    for j in cr { tok[j] += row[j] }
                }
            }
        case .interleaved: break   // rejected by `validate`
        }
    }
}
