/// Activations and gradient scratch of a `OneHotAttentionModel` for one (batch, length) shape,
/// allocated once so that a training step allocates nothing.
final class OneHotAttentionWorkspace {
    /// One worker's per-sequence scratch: the gathered queries, keys and values of one head
    /// `[T, d_h]`, the token scores `[T, T]` and the position scores `[T, context]` (reused for
    /// their gradients in the backward pass).
    final class Scratch {
        let q, k, v, qk, qp: UnsafeMutablePointer<Float>
        private let buffers: [FloatBuffer]
        init(length T: Int, headSize D: Int, context P: Int) {
            let owned = [FloatBuffer(T * D), FloatBuffer(T * D), FloatBuffer(T * D), FloatBuffer(T * T), FloatBuffer(T * P)]
            buffers = owned
            q = owned[0].pointer; k = owned[1].pointer; v = owned[2].pointer; qk = owned[3].pointer; qp = owned[4].pointer
        }
    }

    let batch: Int, length: Int
    let tokens: UnsafeMutablePointer<Int32>
    /// `[H, B, T, T]` attention probabilities.
    let att: FloatBuffer
    /// `[B * T, H * d_h]`: each head's mix of values, heads side by side, and its gradient.
    let mixed, dMixed: FloatBuffer
    /// `[B * T, V]`.
    let logits, dLogits: FloatBuffer
    let lossAt: FloatBuffer
    /// Per-sequence gradients of the looked-up rows, `[B * T, H * d_h]` (queries, token keys,
    /// values) and `[B * context, H * d_h]` (position keys), scattered into the tables after.
    let dQuery, dKey, dValue, dPosition: FloatBuffer
    let scratch: [Scratch]

    init(config c: OneHotAttentionConfig, batch B: Int, length T: Int, workers: Int) {
        batch = B; length = T
        let N = B * T, C = c.heads * c.headSize
        tokens = .allocate(capacity: max(1, N))
        att = FloatBuffer(c.heads * B * T * T)
        mixed = FloatBuffer(N * C); dMixed = FloatBuffer(N * C)
        logits = FloatBuffer(N * c.vocabulary); dLogits = FloatBuffer(N * c.vocabulary)
        lossAt = FloatBuffer(N)
        dQuery = FloatBuffer(N * C); dKey = FloatBuffer(N * C); dValue = FloatBuffer(N * C)
        dPosition = FloatBuffer(B * c.context * C)
        scratch = (0..<max(1, workers)).map { _ in Scratch(length: T, headSize: c.headSize, context: c.context) }
    }

    deinit { tokens.deallocate() }
}
