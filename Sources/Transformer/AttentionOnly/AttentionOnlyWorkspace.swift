/// Activations and gradient scratch of an `AttentionOnlyModel` for one (batch, length) shape
/// and one routing plan, allocated once so that a training step allocates nothing.
final class AttentionOnlyWorkspace {
    /// One distinct residual sum a layer reads, its layer norm and their gradients.
    struct Input { let sum, normed, mean, rstd, dNormed, dSum: FloatBuffer }
    struct Layer {
        let inputs: [Input]
        /// Queries and keys after RoPE; `att` is `[B, H, T, T]`, `y` the heads side by side.
        let q, k, v, att, y, dq, dk, dv, dy: FloatBuffer
    }

    let batch: Int, length: Int
    let embedded, previous, dEmbedded, dPrevious: FloatBuffer
    /// Exemplar read-ins `[B * (T+1)/2, C]` (forward) and their gradients (backward).
    let exemplarRows: FloatBuffer
    let layers: [Layer]
    /// Per `RoutingPlan.headTerms`: the summed output, the masked head values it was computed
    /// from (empty when the set is every head: `y` itself) and its gradient.
    let headOutputs, maskedValues, dHeadOutputs: [FloatBuffer]
    /// The readout's residual sum at every position, and its gradient.
    let readoutAll, dReadoutAll: FloatBuffer
    /// `[R, C]` and `[R, labels]` for the R rows read out: every position, or the last of each
    /// sequence (then gathered from `readoutAll`).
    let readout, lnf, lnfMean, lnfRstd, logits, dLogits, dlnf, dReadout: FloatBuffer
    /// Per position, `[B * T]` (0 where the mask is off), and per row read out.
    let lossAt, rowLoss: FloatBuffer
    /// Targets and mask of the rows read out (last-position readout gathers them).
    let rowTargets: UnsafeMutableBufferPointer<Int32>
    let rowMask: UnsafeMutableBufferPointer<Bool>
    /// R: the rows read out.
    let readoutRows: Int
    /// `[N, C]` scratch for the gradient of a partial head sum.
    let scratch: FloatBuffer
    /// One T x T score gradient per worker.
    let dScores: FloatBuffer

    init(config c: AttentionOnlyConfig, plan: RoutingPlan, batch B: Int, length T: Int, workers: Int) {
        batch = B; length = T
        let N = B * T, C = c.width
        let rows = { FloatBuffer(N * C) }
        embedded = rows(); dEmbedded = rows()
        previous = FloatBuffer(plan.usesPreviousEmbedding ? N * C : 0); dPrevious = FloatBuffer(plan.usesPreviousEmbedding ? N * C : 0)
        exemplarRows = FloatBuffer(B * ((T + 1) / 2) * C)
        layers = plan.layers.map { inputs in
            Layer(inputs: inputs.lists.map { _ in
                      Input(sum: rows(), normed: rows(), mean: FloatBuffer(N), rstd: FloatBuffer(N), dNormed: rows(), dSum: rows())
                  },
                  q: rows(), k: rows(), v: rows(), att: FloatBuffer(B * c.heads * T * T), y: rows(),
                  dq: rows(), dk: rows(), dv: rows(), dy: rows())
        }
        let all = HeadSet.all(c.heads)
        headOutputs = plan.headTerms.map { _ in rows() }
        maskedValues = plan.headTerms.map { FloatBuffer($0.heads == all ? 0 : N * C) }
        dHeadOutputs = plan.headTerms.map { _ in rows() }
        let R = c.readout == .last ? B : N
        readoutRows = R
        readoutAll = rows(); dReadoutAll = rows()
        readout = FloatBuffer(R * C); lnf = FloatBuffer(R * C); lnfMean = FloatBuffer(R); lnfRstd = FloatBuffer(R)
        logits = FloatBuffer(R * c.labels); dLogits = FloatBuffer(R * c.labels)
        dlnf = FloatBuffer(R * C); dReadout = FloatBuffer(R * C); lossAt = FloatBuffer(N); rowLoss = FloatBuffer(R)
        rowTargets = .allocate(capacity: R); rowTargets.initialize(repeating: 0)
        rowMask = .allocate(capacity: R); rowMask.initialize(repeating: false)
        scratch = rows()
        dScores = FloatBuffer(max(1, workers) * T * T)
    }

    deinit { rowTargets.deallocate(); rowMask.deallocate() }

}
