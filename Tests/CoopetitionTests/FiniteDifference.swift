/// Central finite differences of a scalar function over one vector, with the other
/// arguments fixed by the caller's closure.
func centralDifference(_ v: [Double], step h: Double = 1e-5, _ f: ([Double]) -> Double) -> [Double] {
    var probe = v
    return (0..<v.count).map { i in
        probe[i] = v[i] + h
        let up = f(probe)
        probe[i] = v[i] - h
        let down = f(probe)
        probe[i] = v[i]
        return (up - down) / (2 * h)
    }
}

/// Largest |x − y| relative to the largest |y| (gradients are compared as vectors).
func relativeError(_ x: [Double], _ y: [Double]) -> Double {
    let scale = max(y.map(abs).max() ?? 0, 1e-12)
    return zip(x, y).map { abs($0 - $1) }.max()! / scale
}
