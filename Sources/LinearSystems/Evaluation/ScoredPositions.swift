import Foundation
import Transformer

/// Squared errors ‖x̂ - x‖² (sum over the 5 dims) of a predictor at chosen positions of every
/// trace of a needle set: errors[j][i] for position `positions[j]` of trace i.
public enum ScoredPositions {
    /// The model's errors. It only sees tokens 0...max(positions): predictions are causal, so
    /// the rest of each trace cannot change them.
    public static func model(_ model: GPTModel, on set: NeedleTraceSet, positions: [Int],
                             chunk: Int = 256, threads: Int = 1) throws -> [[Float]] {
        guard !positions.isEmpty else { return [] }
        let length = positions.max()! + 1, d = TraceLayout.stateDimension
        let batch = NeedleTraceBatch(capacity: min(chunk, set.traceCount), tokens: set.tokens)
        var errors = [[Float]](repeating: [Float](repeating: 0, count: set.traceCount), count: positions.count)
        var first = 0
        while first < set.traceCount {
            let n = min(batch.capacity, set.traceCount - first)
            set.fill(batch, first: first, count: n, threads: threads)
            try model.forward(.continuous(UnsafeBufferPointer(batch.inputs), sequenceStride: batch.inputStride), batch: n, length: length)
            let predicted = model.predictions.baseAddress!, targets = batch.targets.baseAddress!
            for (j, p) in positions.enumerated() {
                for b in 0..<n {
                    let x = predicted + (b * length + p) * d, y = targets + b * batch.targetStride + p * d
                    var e: Float = 0
                    for k in 0..<d { let diff = x[k] - y[k]; e += diff * diff }
                    errors[j][first + b] = e
                }
            }
            first += n
        }
        return errors
    }

    /// The pseudoinverse predictor's errors (eq. 5) on the identical traces.
    public static func pseudoinverse(on set: NeedleTraceSet, positions: [Int], chunk: Int = 256) -> [[Float]] {
        guard !positions.isEmpty else { return [] }
        let tokens = positions.max()! + 2
        let batch = NeedleTraceBatch(capacity: min(chunk, set.traceCount), tokens: set.tokens)
        var errors = [[Float]](repeating: [Float](repeating: 0, count: set.traceCount), count: positions.count)
        var predictor = PseudoinversePredictor()
        let predictions = UnsafeMutablePointer<Float>.allocate(capacity: (tokens - 1) * TraceLayout.stateDimension)
        let squared = UnsafeMutablePointer<Float>.allocate(capacity: tokens - 1)
        let hasTarget = UnsafeMutablePointer<Bool>.allocate(capacity: tokens - 1)
        defer { predictions.deallocate(); squared.deallocate(); hasTarget.deallocate() }
        var first = 0
        while first < set.traceCount {
            let n = min(batch.capacity, set.traceCount - first)
            set.fill(batch, first: first, count: n)
            for b in 0..<n {
                predictor.run(inputs: batch.inputs.baseAddress! + b * batch.inputStride, tokens: tokens,
                              predictions: predictions, squaredErrors: squared, hasTarget: hasTarget)
                for (j, p) in positions.enumerated() { errors[j][first + b] = squared[p] }
            }
            first += n
        }
        return errors
    }

    /// (q25, q50, q75) of each row, numpy's linear interpolation.
    public static func quartiles(_ errors: [[Float]]) -> [(q25: Double, q50: Double, q75: Double)] {
        errors.map { row in
            let sorted = row.map(Double.init).sorted()
            return (PseudoinverseBaseline.quantile(sorted, 0.25), PseudoinverseBaseline.quantile(sorted, 0.5),
                    PseudoinverseBaseline.quantile(sorted, 0.75))
        }
    }
}
