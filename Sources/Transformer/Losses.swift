import Foundation
import Linalg

/// What the model is trained to predict at each position, borrowed from the caller's batch.
public enum Targets {
    /// `[B, T, dOut]` values for masked squared error.
    case regression(UnsafeBufferPointer<Float>)
    /// `[B, T]` next-token ids for cross-entropy.
    case tokens(UnsafeBufferPointer<Int32>)
}

extension GPTModel {
    /// Loss of the last forward pass and, in the workspace, its gradient with respect to the
    /// outputs (consumed by `backward`).
    ///
    /// Regression: squared error summed over the output dimensions, averaged over the unmasked
    /// positions of the whole batch (spec A.4). Logits: cross-entropy averaged over unmasked
    /// positions. `mask` is `[B, T]` (nil: every position). With no unmasked position the loss
    /// and its gradient are zero.
    public func loss(_ targets: Targets, mask: UnsafeBufferPointer<Bool>? = nil) throws -> Float {
        guard let ws = workspace else { throw TransformerError.noForwardPass }
        let N = ws.batch * ws.length, D = config.outputSize
        if let mask, mask.count != N { throw TransformerError.shapeMismatch(what: "loss mask", expected: N, got: mask.count) }
        let scale = LossKernels.meanScale(mask: mask, rows: N)
        let out = ws.output.pointer, dout = ws.doutput.pointer, lossAt = ws.lossPerPosition.pointer
        let w = threads

        switch (targets, config.output) {
        case let (.regression(y), .regression(d)):
            if y.count != N * d { throw TransformerError.shapeMismatch(what: "regression targets", expected: N * d, got: y.count) }
            timer.time(.loss) {
                Parallel.ranges(N, workers: w, minPerWorker: 256) { r in
                    for i in r {
                        let on = mask?[i] ?? true
                        var s: Float = 0
                        for j in 0..<D {
                            let e = out[i * D + j] - y[i * D + j]
                            s += e * e
                            dout[i * D + j] = on ? 2 * e * scale : 0
                        }
                        lossAt[i] = on ? s : 0
                    }
                }
            }
        case let (.tokens(t), .logits(v)):
            try LossKernels.validate(targets: t, mask: mask, rows: N, classes: v)
            timer.time(.loss) {
                LossKernels.crossEntropy(logits: out, dLogits: dout, lossAt: lossAt, targets: t, mask: mask,
                                         rows: N, classes: D, scale: scale, workers: w)
            }
        default:
            throw TransformerError.shapeMismatch(what: "targets do not match the model output kind", expected: D, got: 0)
        }
        var total = 0.0
        for i in 0..<N { total += Double(lossAt[i]) }
        return Float(total * Double(scale))
    }
}

enum LossKernels {
    /// Softmax cross-entropy per row of `logits [rows, classes]` against `targets`: `lossAt[i]`
    /// and `dLogits[i] = scale * (softmax - onehot)`; rows the mask leaves out get 0 for both.
    static func crossEntropy(logits: UnsafeMutablePointer<Float>, dLogits: UnsafeMutablePointer<Float>,
                             lossAt: UnsafeMutablePointer<Float>, targets t: UnsafeBufferPointer<Int32>,
                             mask: UnsafeBufferPointer<Bool>?, rows N: Int, classes D: Int, scale: Float, workers: Int) {
        Parallel.ranges(N, workers: workers, minPerWorker: 16) { r in
            for i in r {
                let z = logits + i * D, dz = dLogits + i * D
                guard mask?[i] ?? true else {
                    dz.update(repeating: 0, count: D); lossAt[i] = 0; continue
                }
                let mx = VectorReductions.max(z, D)
                for j in 0..<D { dz[j] = FastMath.exp(z[j] - mx) }
                let s = VectorReductions.sum(dz, D)
                let target = Int(t[i])
                lossAt[i] = logf(s) - (z[target] - mx)
                let inv = scale / s
                for j in 0..<D { dz[j] *= inv }
                dz[target] -= scale
            }
        }
    }

    /// The targets' range and the mask's size, checked before any loss is taken.
    static func validate(targets t: UnsafeBufferPointer<Int32>, mask: UnsafeBufferPointer<Bool>?, rows N: Int, classes v: Int) throws {
        if t.count != N { throw TransformerError.shapeMismatch(what: "target tokens", expected: N, got: t.count) }
        if let mask, mask.count != N { throw TransformerError.shapeMismatch(what: "loss mask", expected: N, got: mask.count) }
        if let i = t.indices.first(where: { (mask?[$0] ?? true) && (t[$0] < 0 || Int(t[$0]) >= v) }) {
            throw TransformerError.tokenOutOfRange(what: "target tokens", position: i, token: t[i], vocabulary: v)
        }
    }

    /// 1 / (number of rows the mask keeps), 0 when it keeps none.
    static func meanScale(mask: UnsafeBufferPointer<Bool>?, rows N: Int) -> Float {
        let active = mask.map { m in m.reduce(0) { $0 + ($1 ? 1 : 0) } } ?? N
        return active > 0 ? 1 / Float(active) : 0
    }
}
