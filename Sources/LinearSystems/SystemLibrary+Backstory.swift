import Linalg

extension SystemLibrary {
    /// Writes the backstory x_{-7}..x_{-1} of a rollout (spec A.5), oldest first, as 7 x 5
    /// floats: x_{-k} = (U^T)^k x_0, stepped in Float64 because U is orthogonal (U^{-1} = U^T).
    public func writeBackstory(system: Int, initial: Int = 0, into out: UnsafeMutablePointer<Float>) {
        let d = SystemLibrary.stateDimension, depth = TraceLayout.backstoryLength
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * d) { x in
            states.withUnsafeBufferPointer { st in
                let x0 = st.baseAddress! + stateOffset(system: system, initial: initial, step: 0)
                for k in 0..<d { x[k] = Double(x0[k]) }
            }
            systems.withUnsafeBufferPointer { u in
                let uBase = u.baseAddress! + system * d * d
                for back in 1...depth {
                    SmallMatrix.apply(uBase, x.baseAddress!, into: x.baseAddress! + d, rows: d, columns: d, transpose: true)
                    for k in 0..<d {
                        x[k] = x[d + k]
                        out[(depth - back) * d + k] = Float(x[k])
                    }
                }
            }
        }
    }
}
