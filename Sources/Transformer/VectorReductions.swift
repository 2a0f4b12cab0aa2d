/// Sums, dot products and maxima of float rows with eight independent SIMD lanes, combined in
/// a fixed order: strict left-to-right float reductions would not vectorise and would be
/// limited by the latency of one add per element.
enum VectorReductions {
    typealias P = UnsafeMutablePointer<Float>
    typealias V = SIMD8<Float>

    @inline(__always)
    static func load(_ p: P, _ i: Int) -> V { UnsafeRawPointer(p + i).loadUnaligned(as: V.self) }

    @inline(__always)
    static func sum(_ a: P, _ n: Int) -> Float {
        var acc = V(repeating: 0), i = 0
        while i + 8 <= n { acc += load(a, i); i += 8 }
        var s = acc.sum()
        while i < n { s += a[i]; i += 1 }
        return s
    }

    @inline(__always)
    static func dot(_ a: P, _ b: P, _ n: Int) -> Float {
        var acc = V(repeating: 0), i = 0
        while i + 8 <= n { acc += load(a, i) * load(b, i); i += 8 }
        var s = acc.sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// A compare-and-select, not `pointwiseMax`: the latter compiles to a branch per lane.
    @inline(__always)
    static func max(_ a: P, _ n: Int) -> Float {
        var acc = V(repeating: -.infinity), i = 0
        while i + 8 <= n { let v = load(a, i); acc.replace(with: v, where: v .> acc); i += 8 }
        var m = acc.max()
        while i < n { m = Swift.max(m, a[i]); i += 1 }
        return m
    }

    @inline(__always)
    static func sumSquaredDeviation(_ a: P, mean: Float, _ n: Int) -> Float {
        let mv = V(repeating: mean)
        var acc = V(repeating: 0), i = 0
        while i + 8 <= n { let d = load(a, i) - mv; acc += d * d; i += 8 }
        var s = acc.sum()
        while i < n { let d = a[i] - mean; s += d * d; i += 1 }
        return s
    }

    /// (sum_j w_j d_j, sum_j w_j d_j (x_j - mean)): the two row sums of the layer-norm backward.
    @inline(__always)
    static func layerNormBackwardSums(w: P, d: P, x: P, mean: Float, _ n: Int) -> (Float, Float) {
        let mv = V(repeating: mean)
        var a0 = V(repeating: 0), a1 = V(repeating: 0), i = 0
        while i + 8 <= n {
            let wd = load(w, i) * load(d, i)
            a0 += wd; a1 += wd * (load(x, i) - mv); i += 8
        }
        var s0 = a0.sum(), s1 = a1.sum()
        while i < n { let wd = w[i] * d[i]; s0 += wd; s1 += wd * (x[i] - mean); i += 1 }
        return (s0, s1)
    }
}
