/// A seeded, splittable pseudo-random generator (xoshiro256** seeded through SplitMix64).
///
/// Every random draw in toyworld comes from one of these, derived from a stage's seed and a
/// label naming what it is for, so adding a new consumer of randomness never shifts the
/// stream of another and the same seed gives the same bytes on every machine.
public struct RNG: RandomNumberGenerator {
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var sm = seed
        state = (RNG.splitMix(&sm), RNG.splitMix(&sm), RNG.splitMix(&sm), RNG.splitMix(&sm))
    }

    /// Restores a generator from a saved `state` (checkpoints store it).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        self.state = state
    }

    /// An independent generator for a named purpose, e.g. `rng.derive("test-library")`.
    public func derive(_ label: String) -> RNG {
        var h: UInt64 = 0xcbf29ce484222325   // FNV-1a over the label, mixed with our state
        for byte in label.utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return RNG(seed: h ^ state.0 ^ (state.2 &<< 1))
    }

    /// An independent generator for the i-th item of a family (system i, trace i, ...).
    public func derive(_ label: String, _ index: Int) -> RNG {
        derive(label + "#" + String(index))
    }

    public var stateArray: [UInt64] { [state.0, state.1, state.2, state.3] }

    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9e3779b97f4a7c15
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in 0..<n without modulo bias (Lemire's method).
    @inline(__always)
    public mutating func int(below n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Standard normal by the Box-Muller transform (one of the pair; stateless, so that a
    /// saved `state` fully determines the future stream).
    @inline(__always)
    public mutating func gaussian() -> Double {
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// Fisher-Yates shuffle of the first `count` elements chosen from 0..<n (a random k-subset
    /// in random order).
    public mutating func sample(_ k: Int, from n: Int) -> [Int] {
        precondition(k <= n)
        var pool = Array(0..<n)
        for i in 0..<k {
            let j = i + int(below: n - i)
            pool.swapAt(i, j)
        }
        return Array(pool[0..<k])
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
import Darwin
@inline(__always) func _log(_ x: Double) -> Double { Darwin.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
