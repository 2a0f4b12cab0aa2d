import Linalg

/// The linear layers' products of the bench configurations, timed one shape at a time the way
/// the engine issues them (`LinearKernels`: fixed row blocks, one single-threaded sgemm each),
/// for `toyworld bench gemm`.
public enum GemmBench {
    public enum Product: String, Sendable {
        /// y = x W^T: `[rows, in] x [out, in]^T`.
        case forward = "NT"
        /// dx = dy W: `[rows, out] x [out, in]`.
        case inputGradient = "NN"
        /// dW += dy^T x: `[rows, out]^T x [rows, in]`.
        case weightGradient = "TN"
    }

    public struct Shape: Hashable, Sendable {
        public let product: Product
        public let rows: Int, inDim: Int, outDim: Int

        /// M x N x K of the sgemm as a whole (before the engine cuts it into blocks).
        public var mnk: (m: Int, n: Int, k: Int) {
            switch product {
            case .forward: return (rows, outDim, inDim)
            case .inputGradient: return (rows, inDim, outDim)
            case .weightGradient: return (outDim, inDim, rows)
            }
        }
        public var flops: Double { 2 * Double(rows) * Double(inDim) * Double(outDim) }
    }

    /// Every distinct product of a GPT step, with the layers it serves.
    public static func shapes(_ c: ModelConfig, batch B: Int, length T: Int) -> [(shape: Shape, layer: String)] {
        var found: [(Shape, String)] = []
        for layer in c.linearLayers {
            let products: [Product] = layer.inputIsData ? [.forward, .weightGradient] : [.forward, .inputGradient, .weightGradient]
            for p in products {
                let shape = Shape(product: p, rows: B * T, inDim: layer.inDim, outDim: layer.outDim)
                if let i = found.firstIndex(where: { $0.0 == shape }) { found[i].1 += ", " + layer.name } else { found.append((shape, layer.name)) }
            }
        }
        return found
    }

    /// GFLOP/s of `shape` on `threads` workers: best of `repeats` after one untimed call.
    public static func rate(_ shape: Shape, threads: Int, repeats: Int = 5) -> Double {
        BLAS.setThreads(1)
        let rows = shape.rows, inDim = shape.inDim, outDim = shape.outDim
        let x = FloatBuffer(rows * inDim), w = FloatBuffer(outDim * inDim), y = FloatBuffer(rows * outDim)
        var rng = RNG(seed: 5)
        for b in [x, w, y] { for i in 0..<b.count { b.pointer[i] = Float(rng.uniform()) - 0.5 } }
        let seconds = Roofline.best(of: repeats) {
            switch shape.product {
            case .forward:
                LinearKernels.forward(x: x.pointer, weight: w.pointer, bias: nil, y: y.pointer, rows: rows, in: inDim, out: outDim, workers: threads)
            case .inputGradient:
                LinearKernels.inputGradient(dy: y.pointer, weight: w.pointer, dx: x.pointer, rows: rows, in: inDim, out: outDim,
                                            accumulate: false, workers: threads)
            case .weightGradient:
                LinearKernels.weightGradient(dy: y.pointer, x: x.pointer, dWeight: w.pointer, rows: rows, in: inDim, out: outDim, workers: threads)
            }
        }
        return shape.flops / seconds / 1e9
    }
}
