import ArgumentParser
import ContextualRecall
import Foundation
import Induction
import Linalg
import LinearSystems
import Transience
import Transformer

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Throughput benchmarks that print their numbers (speed targets are checked here, not in timed tests).",
        subcommands: [TracesBench.self, TrainBenchCommand.self, GemmBenchCommand.self, LoadBenchCommand.self])
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
        abstract: "Milliseconds per training step (forward + backward + AdamW) per model configuration, against this machine's roofline.",
        discussion: """
            The roofline of a step is what it cannot avoid, at this machine's limits measured in the same run: \
            its products at the best rate a large sgemm reached (sampled again before each configuration), plus \
            the bytes its memory-bound passes move (layer norm, GELU, softmax, residual sums, the loss, AdamW) at \
            the bandwidth of a STREAM triad over arrays of the same size. Each configuration prints its time, that \
            roofline and their ratio, then the same per operation class.
            """)

    static let names = TrainBench.cases.map(\.name) + otherModels.map(\.name)
    /// The benches of the models other than the GPT (attention-only few-shot models, the §4
    /// one-hot model), each with its sequences per step and the fewest steps it times (a
    /// few-shot step is well under a millisecond to a few).
    static let otherModels: [(name: String, run: (Int, Int) throws -> TrainBench.Timing, work: StepWork, sequences: Int, minimumSteps: Int)] = [
        (InductionBench.name, InductionBench.run, InductionBench.work, 32, 2000),
        (TransienceBench.name, TransienceBench.run, TransienceBench.work, 32, 200),
        (RelationBench.name, RelationBench.run, RelationBench.work, RelationBench.batch, 1),
    ]

    static func megabytes(_ floats: Int) -> String {
        let mb = Double(4 * floats) / 1_048_576
        return mb >= 10 ? String(format: "%.0f MB", mb) : String(format: "%.2g MB", mb)
    }
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
            print("products by \(ProductKernel.libraryDescription)")
            let works = TrainBench.cases.filter { names.contains($0.name) }.map { StepWork.gpt($0.config, batch: $0.batch, length: $0.config.context) }
                + Self.otherModels.filter { names.contains($0.name) }.map(\.work)
            for count in try parseThreadCounts(threads) {
                var roofline = Roofline.measure(threads: count, for: works)
                let triads = roofline.bandwidthGBs.sorted { $0.key < $1.key }
                    .map { String(format: "%.0f at %@", $0.value, Self.megabytes($0.key)) }.joined(separator: ", ")
                print(String(format: "machine    threads=%d  triad GB/s over arrays of each streamed size: %@", count, triads))
                for c in TrainBench.cases where names.contains(c.name) {
                    roofline.resampleSgemm(threads: count)
                    let timing = try TrainBench.run(c, threads: count, steps: steps)
                    report(c.name, threads: count, timing, roofline, throughput: (Double(c.batch * c.config.context), "tokens"), steps: steps)
                }
                for bench in Self.otherModels where names.contains(bench.name) {
                    let n = max(steps, bench.minimumSteps)
                    roofline.resampleSgemm(threads: count)
                    report(bench.name, threads: count, try bench.run(count, n), roofline, throughput: (Double(bench.sequences), "sequences"), steps: n)
                }
            }
        }
    }

    /// One configuration: time, roofline and ratio; then measured and floor per operation class,
    /// largest first, and what no class accounts for (data, gradient zeroing, bookkeeping).
    private func report(_ name: String, threads: Int, _ t: TrainBench.Timing, _ roofline: Roofline,
                        throughput: (perStep: Double, unit: String), steps: Int) {
        let floor = roofline.ms(t.work), products = roofline.productMs(t.work)
        print(String(format: "%-10@ threads=%d  %9.3f ms/step  roofline %.3f ms (products %.3f at %.0f GFLOP/s + memory %.3f)  ratio %.2f  %.0f %@/s",
                     name, threads, t.msPerStep, floor, products, roofline.sgemmGflops, floor - products, t.msPerStep / floor,
                     throughput.perStep / t.msPerStep * 1e3, throughput.unit))
        let rows = EngineOp.allCases.map { op in (op.name, t.perOp[op.rawValue], roofline.ms(t.work[op])) }
            .filter { $0.1 > 0 || $0.2 > 0 }.sorted { $0.1 > $1.1 }
        print("           " + "operation".padding(toLength: 24, withPad: " ", startingAt: 0) + "  measured ms    floor ms   ratio")
        for (op, measured, opFloor) in rows {
            print("           " + op.padding(toLength: 24, withPad: " ", startingAt: 0)
                  + String(format: "  %11.3f %11.3f  %6@", measured, opFloor, opFloor > 0 ? String(format: "%.2f", measured / opFloor) : "-"))
        }
        print("           " + "other (data, bookkeeping)".padding(toLength: 24, withPad: " ", startingAt: 0)
              + String(format: "  %11.3f", max(0, t.msPerStep - t.perOp.reduce(0, +))))
        print("           \(t.parameterCount) parameters, after \(steps + 1) steps sha256 \(t.parameterDigest.prefix(16))")
    }
}

struct GemmBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "GFLOP/s of every linear-layer product of the bench configurations, issued as the engine issues them.",
        discussion: """
            Each product (NT forward, NN input gradient, TN weight gradient; M x N x K of the whole product) is \
            cut into the engine's fixed blocks, one single-threaded sgemm each, and timed on each thread count, \
            beside a large sgemm measured the same way: the table shows which shapes the product library \
            multiplies below its large-matrix rate.
            """)

    @Option(help: "Configurations, comma-separated (\(TrainBench.cases.map(\.name).joined(separator: ", "))).")
    var cases = TrainBench.cases.map(\.name).joined(separator: ",")
    @Option(help: "Thread counts to measure, comma-separated.") var threads = "1,2"

    func run() throws {
        try reportingErrors {
            let names = cases.split(separator: ",").map(String.init)
            if let unknown = names.first(where: { name in !TrainBench.cases.contains { $0.name == name } }) {
                throw ValidationError("unknown case \(unknown); known: \(TrainBench.cases.map(\.name).joined(separator: ", "))")
            }
            let counts = try parseThreadCounts(threads)
            print("products by \(ProductKernel.libraryDescription)")
            let large = counts.map { Roofline.sgemmRate(threads: $0) }
            print("large sgemm 4096x1024x1024, best of NT, NN, TN: " + zip(counts, large).map { String(format: "%.1f GFLOP/s on %d", $1, $0) }.joined(separator: ", "))
            let header = "config      product  M x N x K               layers" .padding(toLength: 70, withPad: " ", startingAt: 0)
            print(header + counts.map { String(format: "  t=%d GFLOP/s  share", $0) }.joined())
            for c in TrainBench.cases where names.contains(c.name) {
                for (shape, layers) in GemmBench.shapes(c.config, batch: c.batch, length: c.config.context) {
                    let (m, n, k) = shape.mnk
                    let left = c.name.padding(toLength: 12, withPad: " ", startingAt: 0) + shape.product.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                        + "\(m)x\(n)x\(k)".padding(toLength: 24, withPad: " ", startingAt: 0) + layers
                    let rates = zip(counts, large).map { count, rate in
                        let r = GemmBench.rate(shape, threads: count)
                        return String(format: "  %12.1f  %4.0f%%", r, 100 * r / rate)
                    }
                    print(left.padding(toLength: max(70, left.count), withPad: " ", startingAt: 0) + rates.joined())
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
