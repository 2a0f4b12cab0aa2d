import Artifacts
import Foundation
import Linalg

/// Paper 002 §4's one-layer attention-only model (`OneHotAttentionConfig`), trained by its own
/// forward and backward passes.
///
/// Head h has W_Q, W_K, W_V, W_O in R^{d_h x d} (d = V + T), W_KQ = W_K^T W_Q and W_OV = W_O^T W_V.
/// For query position t and key j <= t the score is (x_j + p(t, j))^T W_KQ x_t (no 1/sqrt(d_h):
/// eq. 1 has none), the head mixes g = sum_j a_tj x_j, and the logits are the token coordinates
/// of sum_h W_OV^h g_h. Inputs are one-hot, so every product with an input is a row look-up.
/// Queries and values carry no position and the logits read token coordinates only, so only
/// the token columns of W_Q, W_V and W_O ever act: the model stores those, and all V + T
/// columns of W_K, transposed (one row per token or position) with the heads side by side:
/// `query` [V, H*d_h] (row v, columns h*d_h..<(h+1)*d_h: W_Q^h e_v), `key` [V + T, H*d_h],
/// `value` [V, H*d_h], `output` [V, H*d_h] (W_O^h e_v).
///
/// Initialisation [A]: N(0, 0.02^2) everywhere. Attention runs sequence by sequence (products
/// sized by the sequence alone) and gradients are scattered into the tables in sequence order,
/// so results do not depend on the thread count.
public final class OneHotAttentionModel: TrainableModel {
    public let config: OneHotAttentionConfig
    public let threads: Int
    public let timer = OpTimer()
    public let parameterTensors: [ParameterTensor]
    let params: FloatBuffer
    let grads: FloatBuffer
    private var ws: OneHotAttentionWorkspace?

    public init(config: OneHotAttentionConfig, seed: UInt64, threads: Int = 1) throws {
        try config.validate()
        self.config = config
        self.threads = max(1, threads)
        let V = config.vocabulary, C = config.heads * config.headSize
        var offset = 0
        parameterTensors = [("query", V), ("key", V + config.context), ("value", V), ("output", V)].map { name, rows in
            defer { offset += rows * C }
            return ParameterTensor(name: name, shape: [rows, C], offset: offset, decayed: true)
        }
        params = FloatBuffer(offset)
        grads = FloatBuffer(offset)
        BLAS.setThreads(1)
        var rng = RNG(seed: seed).derive("one-hot-attention-init")
        for i in 0..<offset { params.pointer[i] = Float(rng.gaussian() * 0.02) }
    }

    public var parameters: UnsafeMutableBufferPointer<Float> { params.buffer }
    public var gradients: UnsafeMutableBufferPointer<Float> { grads.buffer }
    public var architecture: [(String, AttributeValue)] { config.attributes }
    public func zeroGradients() { grads.zero() }

    var queryTable: UnsafeMutablePointer<Float> { params.pointer + parameterTensors[0].offset }
    var keyTable: UnsafeMutablePointer<Float> { params.pointer + parameterTensors[1].offset }
    var valueTable: UnsafeMutablePointer<Float> { params.pointer + parameterTensors[2].offset }
    var outputTable: UnsafeMutablePointer<Float> { params.pointer + parameterTensors[3].offset }

    private var workspace: OneHotAttentionWorkspace {
        get throws { guard let ws else { throw TransformerError.noForwardPass }; return ws }
    }

    // MARK: Reading the last forward pass

    /// Head h's attention probabilities over sequence b of the last forward pass, `[T, T]`
    /// (row t: the query at t; zero above the diagonal).
    public func attention(head h: Int, sequence b: Int) throws -> UnsafeBufferPointer<Float> {
        let ws = try workspace, T = ws.length
        return UnsafeBufferPointer(start: ws.att.pointer + ((h * ws.batch + b) * T) * T, count: T * T)
    }

    /// Head h's contribution to the logits at position t of sequence b: the token coordinates
    /// of W_OV^h g_h, `[V]`.
    public func headLogits(head h: Int, sequence b: Int, position t: Int) throws -> [Float] {
        let ws = try workspace, D = config.headSize, C = config.heads * D
        let mixed = ws.mixed.pointer + (b * ws.length + t) * C + h * D
        return (0..<config.vocabulary).map { v in VectorReductions.dot(outputTable + v * C + h * D, mixed, D) }
    }

    /// Per-position loss of the last `loss` call, `[B, T]` (0 where the mask is off).
    public func lossPerPosition() throws -> UnsafeBufferPointer<Float> { UnsafeBufferPointer(try workspace.lossAt.buffer) }

    /// Logits of the last forward pass, `[B, T, V]`.
    public func logits() throws -> UnsafeBufferPointer<Float> { UnsafeBufferPointer(try workspace.logits.buffer) }

    // MARK: Forward

    public func forward(_ input: ModelInput, batch B: Int, length T: Int) throws {
        guard case let .tokens(tokens, stride) = input, stride == nil || stride == T else {
            throw TransformerError.shapeMismatch(what: "a one-hot attention model reads packed token ids", expected: B * T, got: 0)
        }
        guard T <= config.context else { throw TransformerError.sequenceTooLong(length: T, context: config.context) }
        if tokens.count != B * T { throw TransformerError.shapeMismatch(what: "token input", expected: B * T, got: tokens.count) }
        if let i = tokens.indices.first(where: { tokens[$0] < 0 || Int(tokens[$0]) >= config.vocabulary }) {
            throw TransformerError.tokenOutOfRange(what: "token input", position: i, token: tokens[i], vocabulary: config.vocabulary)
        }
        if ws == nil || ws!.batch != B || ws!.length != T {
            ws = OneHotAttentionWorkspace(config: config, batch: B, length: T, workers: threads)
        }
        let ws = ws!
        ws.tokens.update(from: tokens.baseAddress!, count: B * T)
        let H = config.heads
        timer.time(.attention) {
            Parallel.workerRanges(B, workers: threads) { worker, range in
                let scratch = ws.scratch[worker]
                for b in range { for h in 0..<H { attendForward(b, h, ws, scratch) } }
            }
        }
        timer.time(.matmul) {
            LinearKernels.forward(x: ws.mixed.pointer, weight: outputTable, bias: nil, y: ws.logits.pointer,
                                  rows: B * T, in: H * config.headSize, out: config.vocabulary, workers: threads)
        }
    }

    /// Copies head h's rows of `table` for sequence b's tokens into `into` ([T, d_h]).
    @inline(__always)
    private func gather(_ table: UnsafeMutablePointer<Float>, head h: Int, sequence b: Int, _ ws: OneHotAttentionWorkspace,
                        into out: UnsafeMutablePointer<Float>) {
        let D = config.headSize, C = config.heads * D, T = ws.length
        for t in 0..<T { (out + t * D).update(from: table + Int(ws.tokens[b * T + t]) * C + h * D, count: D) }
    }

    private func attendForward(_ b: Int, _ h: Int, _ ws: OneHotAttentionWorkspace, _ s: OneHotAttentionWorkspace.Scratch) {
        let T = ws.length, D = config.headSize, C = config.heads * D, P = config.context
        gather(queryTable, head: h, sequence: b, ws, into: s.q)
        gather(keyTable, head: h, sequence: b, ws, into: s.k)
        gather(valueTable, head: h, sequence: b, ws, into: s.v)
        BLAS.sgemm(transA: false, transB: true, m: T, n: T, k: D, alpha: 1, a: s.q, lda: D, b: s.k, ldb: D, beta: 0, c: s.qk, ldc: T)
        BLAS.sgemm(transA: false, transB: true, m: T, n: P, k: D, alpha: 1, a: s.q, lda: D,
                   b: keyTable + config.vocabulary * C + h * D, ldb: C, beta: 0, c: s.qp, ldc: P)
        let att = ws.att.pointer + ((h * ws.batch + b) * T) * T
        for t in 0..<T {
            let row = att + t * T
            var top = -Float.infinity
            for j in 0...t {
                row[j] = s.qk[t * T + j] + s.qp[t * P + config.keySlot(query: t, key: j)]
                top = max(top, row[j])
            }
            var total: Float = 0
            for j in 0...t { row[j] = FastMath.exp(row[j] - top); total += row[j] }
            let inverse = 1 / total
            for j in 0...t { row[j] *= inverse }
            for j in (t + 1)..<T { row[j] = 0 }
        }
        BLAS.sgemm(transA: false, transB: false, m: T, n: D, k: T, alpha: 1, a: att, lda: T, b: s.v, ldb: D,
                   beta: 0, c: ws.mixed.pointer + b * T * C + h * D, ldc: C)
    }

    // MARK: Loss and backward

    /// Cross-entropy averaged over the positions `mask` keeps (`[B, T]`, nil: all).
    public func loss(_ targets: Targets, mask: UnsafeBufferPointer<Bool>?) throws -> Float {
        let ws = try workspace, N = ws.batch * ws.length, V = config.vocabulary
        guard case let .tokens(t) = targets else {
            throw TransformerError.shapeMismatch(what: "a one-hot attention model takes token targets", expected: N, got: 0)
        }
        try LossKernels.validate(targets: t, mask: mask, rows: N, classes: V)
        let scale = LossKernels.meanScale(mask: mask, rows: N)
        timer.time(.loss) {
            LossKernels.crossEntropy(logits: ws.logits.pointer, dLogits: ws.dLogits.pointer, lossAt: ws.lossAt.pointer,
                                     targets: t, mask: mask, rows: N, classes: V, scale: scale, workers: threads)
        }
        var total = 0.0
        for i in 0..<N { total += Double(ws.lossAt.pointer[i]) }
        return Float(total * Double(scale))
    }

    public func backward() {
        guard let ws else { return }
        let B = ws.batch, T = ws.length, H = config.heads, D = config.headSize, C = H * D, V = config.vocabulary
        let g = grads.pointer
        timer.time(.matmul) {
            LinearKernels.backward(dy: ws.dLogits.pointer, x: ws.mixed.pointer, weight: outputTable, dx: ws.dMixed.pointer,
                                   dWeight: g + parameterTensors[3].offset, dBias: nil, rows: B * T, in: C, out: V, workers: threads)
        }
        timer.time(.attention) {
            Parallel.workerRanges(B, workers: threads) { worker, range in
                let scratch = ws.scratch[worker]
                for b in range { for h in 0..<H { attendBackward(b, h, ws, scratch) } }
            }
            // Scatter the per-sequence gradients into the tables in sequence order; columns are
            // split among the workers, so each table entry is summed in one fixed order.
            let P = config.context
            let dQuery = g + parameterTensors[0].offset, dKey = g + parameterTensors[1].offset, dValue = g + parameterTensors[2].offset
            let rows = (query: ws.dQuery.pointer, key: ws.dKey.pointer, value: ws.dValue.pointer, position: ws.dPosition.pointer)
            Parallel.ranges(C, workers: threads, minPerWorker: 32) { columns in
                for b in 0..<B {
                    for t in 0..<T {
                        let token = Int(ws.tokens[b * T + t]), row = (b * T + t) * C
                        for c in columns {
                            dQuery[token * C + c] += rows.query[row + c]
                            dKey[token * C + c] += rows.key[row + c]
                            dValue[token * C + c] += rows.value[row + c]
                        }
                    }
                    for p in 0..<P {
                        let row = (b * P + p) * C
                        for c in columns { dKey[(V + p) * C + c] += rows.position[row + c] }
                    }
                }
            }
        }
    }

    private func attendBackward(_ b: Int, _ h: Int, _ ws: OneHotAttentionWorkspace, _ s: OneHotAttentionWorkspace.Scratch) {
        let T = ws.length, D = config.headSize, C = config.heads * D, P = config.context
        gather(queryTable, head: h, sequence: b, ws, into: s.q)
        gather(keyTable, head: h, sequence: b, ws, into: s.k)
        gather(valueTable, head: h, sequence: b, ws, into: s.v)
        let att = ws.att.pointer + ((h * ws.batch + b) * T) * T
        let dMixed = ws.dMixed.pointer + b * T * C + h * D
        let dQuery = ws.dQuery.pointer + b * T * C + h * D, dKey = ws.dKey.pointer + b * T * C + h * D
        let dValue = ws.dValue.pointer + b * T * C + h * D, dPosition = ws.dPosition.pointer + b * P * C + h * D
        // dA = dU V^T; dV = A^T dU.
        BLAS.sgemm(transA: false, transB: true, m: T, n: T, k: D, alpha: 1, a: dMixed, lda: C, b: s.v, ldb: D, beta: 0, c: s.qk, ldc: T)
        BLAS.sgemm(transA: true, transB: false, m: T, n: D, k: T, alpha: 1, a: att, lda: T, b: dMixed, ldb: C,
                   beta: 0, c: dValue, ldc: C)
        // Softmax backward into dS (in s.qk), and dS by key slot (s.qp).
        s.qp.update(repeating: 0, count: T * P)
        for t in 0..<T {
            let a = att + t * T, d = s.qk + t * T
            var mean: Float = 0
            for j in 0...t { mean += a[j] * d[j] }
            for j in 0...t {
                d[j] = a[j] * (d[j] - mean)
                s.qp[t * P + config.keySlot(query: t, key: j)] = d[j]
            }
            for j in (t + 1)..<T { d[j] = 0 }
        }
        // dQ = dS K + dS_slots K_pos; dK = dS^T Q; dK_pos = dS_slots^T Q.
        let positionKeys = keyTable + config.vocabulary * C + h * D
        BLAS.sgemm(transA: false, transB: false, m: T, n: D, k: T, alpha: 1, a: s.qk, lda: T, b: s.k, ldb: D, beta: 0, c: dQuery, ldc: C)
        BLAS.sgemm(transA: false, transB: false, m: T, n: D, k: P, alpha: 1, a: s.qp, lda: P, b: positionKeys, ldb: C,
                   beta: 1, c: dQuery, ldc: C)
        BLAS.sgemm(transA: true, transB: false, m: T, n: D, k: T, alpha: 1, a: s.qk, lda: T, b: s.q, ldb: D, beta: 0, c: dKey, ldc: C)
        BLAS.sgemm(transA: true, transB: false, m: P, n: D, k: T, alpha: 1, a: s.qp, lda: P, b: s.q, ldb: D,
                   beta: 0, c: dPosition, ldc: C)
    }
}
