#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Gamma(shape, 1) draws by Marsaglia and Tsang's squeeze method; shapes below 1 use the
/// boost `Gamma(a) = Gamma(a + 1) * U^(1/a)`.
public enum GammaDistribution {
    public static func sample(shape: Double, _ rng: inout RNG) -> Double {
        precondition(shape > 0 && shape.isFinite, "Gamma shape \(shape) must be finite and positive")
        if shape < 1 {
            var u = rng.uniform()
            while u <= 0 { u = rng.uniform() }
            return sample(shape: shape + 1, &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = rng.gaussian()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if u > 0, log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}

/// Dirichlet draws as normalised Gamma variates.
public enum Dirichlet {
    /// One draw from the symmetric Dirichlet(alpha * 1_k), written into `out` (k = out.count).
    public static func sampleSymmetric(alpha: Double, into out: UnsafeMutableBufferPointer<Double>, _ rng: inout RNG) {
        var total = 0.0
        for i in out.indices {
            out[i] = GammaDistribution.sample(shape: alpha, &rng)
            total += out[i]
        }
        for i in out.indices { out[i] /= total }
    }
}
