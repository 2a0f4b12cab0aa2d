/// Every activation of one forward pass and the gradient scratch of its backward pass, sized
/// once for a (batch, length) shape so that a training step allocates nothing.
final class Workspace {
    struct Layer {
        let ln1, ln1Mean, ln1Rstd, qkv, att, atty, attnOut, res2: FloatBuffer
        // MLP blocks only (empty otherwise).
        let ln2, ln2Mean, ln2Rstd, fc, gelu, res3: FloatBuffer
        /// The block's output: the residual after the MLP, or after attention in attention-only blocks.
        let output: FloatBuffer
    }

    let batch: Int, length: Int
    let embedded: FloatBuffer
    let layers: [Layer]
    let lnf, lnfMean, lnfRstd, output: FloatBuffer
    let lossPerPosition: FloatBuffer
    // Backward scratch, shared by all layers; `datt` holds one T x T pattern gradient per
    // worker, reused across (sequence, head) pairs so that it stays in cache.
    let dres, dln, dqkv, datt, datty, dfc, dlnf, doutput: FloatBuffer

    init(config c: ModelConfig, batch B: Int, length T: Int, workers: Int) {
        batch = B; length = T
        let N = B * T, C = c.width, att = B * c.heads * T * T
        embedded = FloatBuffer(N * C)
        layers = (0..<c.layers).map { _ in
            let m = c.mlp
            let res2 = FloatBuffer(N * C), res3 = FloatBuffer(m ? N * C : 0)
            return Layer(ln1: FloatBuffer(N * C), ln1Mean: FloatBuffer(N), ln1Rstd: FloatBuffer(N),
                         qkv: FloatBuffer(N * 3 * C), att: FloatBuffer(att), atty: FloatBuffer(N * C),
                         attnOut: FloatBuffer(N * C), res2: res2,
                         ln2: FloatBuffer(m ? N * C : 0), ln2Mean: FloatBuffer(m ? N : 0),
                         ln2Rstd: FloatBuffer(m ? N : 0), fc: FloatBuffer(m ? N * 4 * C : 0),
                         gelu: FloatBuffer(m ? N * 4 * C : 0), res3: res3, output: m ? res3 : res2)
        }
        lnf = FloatBuffer(N * C); lnfMean = FloatBuffer(N); lnfRstd = FloatBuffer(N)
        output = FloatBuffer(N * c.outputSize)
        lossPerPosition = FloatBuffer(N)
        dres = FloatBuffer(N * C); dln = FloatBuffer(N * C); dqkv = FloatBuffer(N * 3 * C)
        datt = FloatBuffer(workers * T * T); datty = FloatBuffer(N * C); dfc = FloatBuffer(c.mlp ? N * 4 * C : 0)
        dlnf = FloatBuffer(N * C); doutput = FloatBuffer(N * c.outputSize)
    }
}
