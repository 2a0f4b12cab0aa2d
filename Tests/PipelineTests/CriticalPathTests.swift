@testable import Pipeline
import XCTest

final class CriticalPathTests: XCTestCase {
    /// Two chains: short a -> b listed first, long c -> d -> fig listed second.
    let stages: [(name: String, upstream: [String], seconds: Double)] = [
        ("a", [], 5), ("b", ["a"], 5),
        ("c", [], 10), ("d", ["c"], 3600), ("fig", ["d", "b"], 1),
    ]

    func testRemainingIsTheLongestChainToAnEnd() {
        let path = CriticalPath(stages)
        XCTAssertEqual(path.remaining["fig"], 1)
        XCTAssertEqual(path.remaining["d"], 3601)
        XCTAssertEqual(path.remaining["c"], 3611)
        XCTAssertEqual(path.remaining["b"], 6)
        XCTAssertEqual(path.remaining["a"], 11, "a's longest chain goes through b to fig")
    }

    func testTheLongChainStartsFirstAndTiesKeepTheirOrder() {
        let path = CriticalPath(stages)
        XCTAssertEqual(path.ordered(["a", "b", "c", "d", "fig"]) { $0 }, ["c", "d", "a", "b", "fig"])
        let even = CriticalPath([("x", [], 1), ("y", [], 1), ("z", [], 2)])
        XCTAssertEqual(even.ordered(["x", "y", "z"]) { $0 }, ["z", "x", "y"])
    }
}
