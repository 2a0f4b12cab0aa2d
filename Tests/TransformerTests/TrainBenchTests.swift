import Foundation
import XCTest
@testable import Transformer

/// Prints step timings; skipped unless TOYWORLD_BENCH=1 (run it in a release build:
/// `TOYWORLD_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter TrainBenchTests`).
/// TOYWORLD_BENCH_CASES picks cases by name (comma-separated; default lds-small,cr-small).
final class TrainBenchTests: XCTestCase {
    func testPrintTrainBench() throws {
        let env = ProcessInfo.processInfo.environment
        try XCTSkipUnless(env["TOYWORLD_BENCH"] == "1", "set TOYWORLD_BENCH=1 to run the benchmark")
        let names = (env["TOYWORLD_BENCH_CASES"] ?? "lds-small,cr-small").split(separator: ",").map(String.init)
        let threads = Int(env["TOYWORLD_BENCH_THREADS"] ?? "2") ?? 2
        let rate = TrainBench.sgemmRate(threads: threads)
        print(String(format: "sgemm probe (%d threads): %.1f GFLOP/s", threads, rate))
        for c in TrainBench.cases where names.contains(c.name) {
            let r = try TrainBench.run(c, threads: threads)
            print(c.name + String(format: ": %.1f ms/step, %.0f tokens/s, %.1f GFLOP/s (%.0f%% of sgemm)",
                         r.msPerStep, r.tokensPerSec, r.gflops, 100 * r.gflops / rate))
            for (op, ms) in r.breakdown {
                print("    " + op.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", ms))
            }
            XCTAssertGreaterThan(r.msPerStep, 0)
        }
    }
}
