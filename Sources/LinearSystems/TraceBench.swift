import Foundation
import Linalg

/// `toyworld bench traces`: encoded-trace generation rate on a synthetic 512-system library.
public enum TraceBench {
    /// Traces per second for `traces` encoded traces (batches of 256) on `threads` threads.
    public static func run(traces: Int, threads: Int, backstory: BackstoryMode = .none) -> Double {
        let library = SystemLibrary.generate(family: .orthogonal, systemCount: 512, initialStates: 1,
                                             length: TraceLayout.tokens, rng: RNG(seed: 1), threads: threads)
        let builder = TraceBuilder(library: library, backstory: backstory)
        let batch = TraceBatch(capacity: 256)
        let seed = RNG(seed: 2)
        let start = DispatchTime.now().uptimeNanoseconds
        var done = 0
        while done < traces {
            let count = min(batch.capacity, traces - done)
            builder.fill(batch, seed: seed, first: done, count: count, threads: threads)
            done += count
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Double(traces) / seconds
    }
}
