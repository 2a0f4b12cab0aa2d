import Foundation
import Linalg

/// Which dynamics the library's systems follow (paper 000 §2 and fn. 3).
public enum SystemFamily: String, CaseIterable, Sendable {
    /// Haar-random orthogonal U on all of O(5).
    case orthogonal
    /// U = I: the state never changes.
    case identity
}

/// A set of 5-dimensional linear systems x_{i+1} = U x_i with rolled-out trajectories.
///
/// `systems` holds U row-major as [systemCount, 5, 5] Float64; `states` holds the rollouts as
/// [systemCount, initialStates, length, 5] Float32. The training library has one initial state
/// per system and length 251; the test library 1000 initial states per system.
public struct SystemLibrary: Sendable {
    public static let stateDimension = 5
    public let systemCount: Int
    public let initialStates: Int
    public let length: Int
    public let systems: [Double]
    public let states: [Float]

    public init(systemCount: Int, initialStates: Int, length: Int, systems: [Double], states: [Float]) throws {
        let d = SystemLibrary.stateDimension
        guard systemCount > 0, initialStates > 0, length > 0,
              systems.count == systemCount * d * d,
              states.count == systemCount * initialStates * length * d else {
            throw LibraryError.shape("systems \(systems.count) / states \(states.count) values do not fit "
                                     + "\(systemCount) systems x \(initialStates) states x \(length) steps")
        }
        self.systemCount = systemCount
        self.initialStates = initialStates
        self.length = length
        self.systems = systems
        self.states = states
    }

    /// Generates the library. System i draws from `rng.derive("system", i)` (U first, then its
    /// initial states in order), so the result is the same for any thread count.
    public static func generate(family: SystemFamily, systemCount: Int, initialStates: Int, length: Int,
                                rng: RNG, threads: Int = 1) -> SystemLibrary {
        precondition(systemCount > 0 && initialStates > 0 && length > 0,
                     "library of \(systemCount) systems x \(initialStates) states x \(length) steps")
        let d = stateDimension
        var systems = [Double](repeating: 0, count: systemCount * d * d)
        var states = [Float](repeating: 0, count: systemCount * initialStates * length * d)
        systems.withUnsafeMutableBufferPointer { sys in
            states.withUnsafeMutableBufferPointer { st in
                let sysBase = sys.baseAddress!, stBase = st.baseAddress!
                let chunks = max(1, threads)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    var x = [Double](repeating: 0, count: d), next = [Double](repeating: 0, count: d)
                    for i in stride(from: chunk, to: systemCount, by: chunks) {
                        var systemRNG = rng.derive("system", i)
                        let u = family == .orthogonal ? haarOrthogonal(d, &systemRNG)
                                                      : identity(d)
                        for k in 0..<(d * d) { sysBase[i * d * d + k] = u[k] }
                        for s in 0..<initialStates {
                            let out = stBase + ((i * initialStates + s) * length) * d
                            let sd = (1.0 / Double(d)).squareRoot()
                            for k in 0..<d { x[k] = systemRNG.gaussian() * sd }
                            for step in 0..<length {
                                for k in 0..<d { out[step * d + k] = Float(x[k]) }
                                u.withUnsafeBufferPointer { up in
                                    SmallMatrix.apply(up.baseAddress!, x, into: &next, rows: d, columns: d)
                                }
                                swap(&x, &next)
                            }
                        }
                    }
                }
            }
        }
        return try! SystemLibrary(systemCount: systemCount, initialStates: initialStates, length: length,
                                  systems: systems, states: states)
    }

    /// Haar measure on O(n) (Mezzadri 2006): Q of the QR of a Gaussian matrix with the signs of
    /// R's diagonal moved into Q, which makes the factorisation unique and the law invariant.
    public static func haarOrthogonal(_ n: Int, _ rng: inout RNG) -> [Double] {
        var z = [Double](repeating: 0, count: n * n)
        for k in 0..<(n * n) { z[k] = rng.gaussian() }
        var (q, r) = SmallMatrix.householderQR(z, n: n)
        for j in 0..<n where r[j * n + j] < 0 {
            for i in 0..<n { q[i * n + j] = -q[i * n + j] }
        }
        return q
    }

    static func identity(_ n: Int) -> [Double] {
        (0..<(n * n)).map { $0 % (n + 1) == 0 ? 1 : 0 }
    }

    /// Pointer offset of state `step` of initial state `initial` of system `system`.
    @inline(__always)
    public func stateOffset(system: Int, initial: Int = 0, step: Int) -> Int {
        ((system * initialStates + initial) * length + step) * SystemLibrary.stateDimension
    }
}

public enum LibraryError: Error, CustomStringConvertible {
    case shape(String)
    public var description: String {
        switch self { case .shape(let s): return "system library: \(s)" }
    }
}
