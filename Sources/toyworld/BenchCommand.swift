import ArgumentParser
import Foundation
import Induction
import LinearSystems
import Transience
import Transformer

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Throughput benchmarks that print their numbers (speed targets are checked here, not in timed tests).",
        subcommands: [TracesBench.self, TrainBenchCommand.self, LoadBenchCommand.self])
}

struct TracesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces",
        abstract: "Interleaved training traces generated per second (paper 000 App. B.2), on one and two threads.")

    @Option(help: "Traces per measurement.") var traces = 200_000
    @Option(help: "Thread counts to measure, comma-separated.") var threads = "1,2"
    @Option(help: "Backstory mode: none, masked or unmasked.") var backstory = "none"

    func run() throws {
        try reportingErrors {
            guard let mode = BackstoryMode(rawValue: backstory) else {
                throw ValidationError("--backstory must be none, masked or unmasked, got \(backstory)")
            }
            for count in try parseThreadCounts(threads) {
                _ = TraceBench.run(traces: min(traces, 10_000), threads: count, backstory: mode)   // warm-up
                let rate = TraceBench.run(traces: traces, threads: count, backstory: mode)
                print(String(format: "traces  threads=%d  backstory=%@  %.0f traces/s", count, backstory, rate))
            }
        }
    }
}

struct TrainBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Milliseconds per training step (forward + backward + AdamW), tokens/s and GFLOP/s per model configuration.")

    static let names = TrainBench.cases.map(\.name) + [InductionBench.name, TransienceBench.name]
    /// The attention-only models' benches, with the fewest steps each times (a step is well
    /// under a millisecond to a few).
    static let fewShot: [(name: String, run: (Int, Int) throws -> TrainBench.Timing, minimumSteps: Int)] = [
        (InductionBench.name, InductionBench.run, 2000), (TransienceBench.name, TransienceBench.run, 200),
    ]
    @Option(help: "Configurations, comma-separated (\(names.joined(separator: ", "))).")
    var cases = names.joined(separator: ",")
    @Option(help: "Thread counts to measure, comma-separated.") var threads = "1,2"
    @Option(help: "Timed steps per measurement (after one warm-up step).") var steps = 3

    func run() throws {
        try reportingErrors {
            let names = cases.split(separator: ",").map(String.init)
            if let unknown = names.first(where: { !Self.names.contains($0) }) {
                throw ValidationError("unknown case \(unknown); known: \(Self.names.joined(separator: ", "))")
            }
            let selected = TrainBench.cases.filter { names.contains($0.name) }
            for count in try parseThreadCounts(threads) {
                let sgemm = TrainBench.sgemmRate(threads: count)
                print(String(format: "sgemm probe  threads=%d  %.1f GFLOP/s", count, sgemm))
                for c in selected {
                    let r = try TrainBench.run(c, threads: count, steps: steps)
                    print(String(format: "%-10@ threads=%d  %8.1f ms/step  %9.0f tokens/s  %6.1f GFLOP/s (%.0f%% of sgemm)",
                                 c.name, count, r.msPerStep, r.tokensPerSec, r.gflops, 100 * r.gflops / sgemm))
                    print("           " + r.breakdown.filter { $0.ms >= 0.05 }
                        .map { String(format: "%@ %.1f", $0.op, $0.ms) }.joined(separator: ", ") + " (ms)")
                    print(String(format: "           at the sgemm rate: linear layers alone %.1f ms, with causal attention %.1f ms (no engine multiplying at that rate beats it)",
                                 r.linearFlops / sgemm / 1e6, r.minimalFlops / sgemm / 1e6))
                    print("           parameters after \(steps + 1) steps: sha256 \(r.parameterDigest.prefix(16))")
                }
                for bench in Self.fewShot where names.contains(bench.name) {
                    let n = max(steps, bench.minimumSteps)
                    let r = try bench.run(count, n)
                    print(String(format: "%-10@ threads=%d  %8.3f ms/step  %9.0f sequences/s", bench.name, count, r.msPerStep,
                                 32 / r.msPerStep * 1e3))
                    print("           " + r.breakdown.filter { $0.ms >= 0.005 }
                        .map { String(format: "%@ %.3f", $0.op, $0.ms) }.joined(separator: ", ") + " (ms; the rest is data and bookkeeping)")
                    print("           parameters after \(n + 1) steps: sha256 \(r.parameterDigest.prefix(16))")
                }
            }
        }
    }
}

func parseThreadCounts(_ text: String) throws -> [Int] {
    try text.split(separator: ",").map {
        guard let n = Int($0), n >= 1 else { throw ValidationError("thread counts must be positive integers, got \(text)") }
        return n
    }
}
