/// Branch-free float32 exp and tanh that the compiler can vectorise (inlinable, so that
/// loops in other modules see the body), for the hot loops of
/// softmax and GELU (glibc's scalar expf / tanhf cost several times more per element).
public enum FastMath {
    /// e^x with a relative error below 3e-7 for x in [-87, 88] (Cephes expf: range reduction
    /// by ln 2, degree-6 polynomial, exponent built from bits). Inputs are clamped to that range.
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let xc = min(max(x, -87), 88)
        // Adding 1.5 * 2^23 rounds to the nearest integer and leaves it in the low mantissa
        // bits: wrapping integer ops only, so the loop has no trapping conversion and vectorises.
        let shifted = xc * 1.44269504088896341 + 12582912
        let n = shifted - 12582912
        let ni = Int32(bitPattern: shifted.bitPattern &- 0x4B40_0000)
        let r = xc - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * r * r + r + 1
        return y * Float(bitPattern: UInt32(bitPattern: ni &+ 127) &<< 23)
    }

    /// tanh(x) to a few ulp: Eigen's rational approximation (degree 13 / 6) on [-7.9, 7.9],
    /// where float tanh has already rounded to +-1 outside.
    @inlinable @inline(__always)
    public static func tanh(_ x: Float) -> Float {
        let xc = min(max(x, -7.90531110763549805), 7.90531110763549805)
        let x2 = xc * xc
        var p: Float = -2.76076847742355e-16
        p = p * x2 + 2.00018790482477e-13
        p = p * x2 - 8.60467152213735e-11
        p = p * x2 + 5.12229709037114e-08
        p = p * x2 + 1.48572235717979e-05
        p = p * x2 + 6.37261928875436e-04
        p = p * x2 + 4.89352455891786e-03
        var q: Float = 1.19825839466702e-06
        q = q * x2 + 1.18534705686654e-04
        q = q * x2 + 2.26843463243900e-03
        q = q * x2 + 4.89352518554385e-03
        return xc * p / q
    }
}
