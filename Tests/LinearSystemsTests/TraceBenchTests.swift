import XCTest
@testable import LinearSystems

final class TraceBenchTests: XCTestCase {
    /// Prints the encoded-trace rate on 1 and 2 threads; run under `-c release` for numbers.
    func testTraceGenerationRate() {
        for threads in [1, 2] {
            let rate = TraceBench.run(traces: 20_000, threads: threads)
            print(String(format: "trace generation: %.0f traces/s on %d thread(s)", rate, threads))
            XCTAssertTrue(rate.isFinite && rate > 0)
        }
    }
}
