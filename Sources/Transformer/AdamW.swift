import Foundation
import Linalg

/// AdamW hyperparameters (PyTorch's update: decoupled decay `p -= lr * wd * p`, then the
/// bias-corrected Adam step).
public struct AdamWConfig: Equatable, Sendable {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    /// Applied only to tensors with `ParameterTensor.decayed` (2-D Linear weights).
    public var weightDecay: Float
    public var schedule: LearningRateSchedule
    /// Rescale the gradient when its global L2 norm exceeds this (nil: no clipping).
    public var clipNorm: Float?

    public init(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0.01, schedule: LearningRateSchedule = .constant, clipNorm: Float? = nil) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        self.weightDecay = weightDecay; self.schedule = schedule; self.clipNorm = clipNorm
    }
}

public enum LearningRateSchedule: Equatable, Sendable {
    case constant
    /// Linear warmup from 0 over `warmup` steps, then cosine decay to `minFactor * lr` at `total`.
    case cosine(warmup: Int, total: Int, minFactor: Float)

    /// Multiplier of the base learning rate at 0-based `step`.
    public func factor(at step: Int) -> Float {
        switch self {
        case .constant: return 1
        case let .cosine(warmup, total, minFactor):
            if step < warmup { return Float(step + 1) / Float(warmup) }
            let progress = min(1, Double(step - warmup) / Double(max(1, total - warmup)))
            return minFactor + (1 - minFactor) * Float(0.5 * (1 + cos(Double.pi * progress)))
        }
    }
}

/// First and second moments of AdamW, one flat buffer each, aligned with the parameters.
final class AdamWState {
    let m: FloatBuffer
    let v: FloatBuffer
    init(count: Int) { m = FloatBuffer(count); v = FloatBuffer(count) }

    /// One update at 1-based step `t` of every tensor in `tensors`; `gradScale` multiplies the
    /// gradient (clipping). Tensors not listed (frozen ones) keep their values and moments.
    func update(_ model: TrainableModel, tensors: [ParameterTensor], config c: AdamWConfig, t: Int,
                learningRate lr: Float, gradScale: Float) {
        let p = model.parameters.baseAddress!, g = model.gradients.baseAddress!, m = m.pointer, v = v.pointer
        let b1 = c.beta1, b2 = c.beta2, eps = c.epsilon
        let c1 = 1 - powf(b1, Float(t)), c2 = 1 - powf(b2, Float(t))
        for tensor in tensors {
            let decay: Float = tensor.decayed ? 1 - lr * c.weightDecay : 1
            let o = tensor.offset
            Parallel.ranges(tensor.count, workers: model.threads, minPerWorker: 4096) { r in
                // Eight lanes at a time: the same operations on each element as the scalar tail
                // (division and square root are correctly rounded either way), so the same bits.
                typealias V = SIMD8<Float>
                func load(_ q: UnsafeMutablePointer<Float>, _ i: Int) -> V { UnsafeRawPointer(q + i).loadUnaligned(as: V.self) }
                func store(_ x: V, _ q: UnsafeMutablePointer<Float>, _ i: Int) { UnsafeMutableRawPointer(q + i).storeBytes(of: x, as: V.self) }
                var i = o + r.lowerBound
                let end = o + r.upperBound
                while i + 8 <= end {
                    let gi = load(g, i) * gradScale
                    let mi = b1 * load(m, i) + (1 - b1) * gi
                    let vi = b2 * load(v, i) + (1 - b2) * gi * gi
                    store(mi, m, i); store(vi, v, i)
                    store(load(p, i) * decay - lr * (mi / c1) / ((vi / c2).squareRoot() + eps), p, i)
                    i += 8
                }
                while i < end {
                    let gi = g[i] * gradScale
                    let mi = b1 * m[i] + (1 - b1) * gi
                    let vi = b2 * v[i] + (1 - b2) * gi * gi
                    m[i] = mi; v[i] = vi
                    p[i] = p[i] * decay - lr * (mi / c1) / ((vi / c2).squareRoot() + eps)
                    i += 1
                }
            }
        }
    }
}
