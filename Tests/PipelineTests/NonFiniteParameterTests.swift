import XCTest
@testable import Pipeline

/// Non-finite doubles are rejected when pipeline.yaml is loaded, wherever a value is written.
final class NonFiniteParameterTests: XCTestCase {
    /// Asserts that loading fails with exactly `message`.
    private func assertRejects(_ yaml: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try PipelineLoader(registry: testRegistry).parse(yaml), file: file, line: line) { error in
            XCTAssertEqual(String(describing: error), message, file: file, line: line)
        }
    }

    private let train = "stages:\n  t:\n    uses: test.train\n"

    func testNonFiniteDoubleInParamsIsRejected() {
        assertRejects(train + "    params:\n      lr: .nan\n", "pipeline.yaml:5: stage t: parameter lr must be a finite number, found .nan")
        assertRejects(train + "    params:\n      seed: 1\n      lr: .inf\n", "pipeline.yaml:6: stage t: parameter lr must be a finite number, found .inf")
        assertRejects(train + "    params: { lr: -.inf }\n", "pipeline.yaml:4: stage t: parameter lr must be a finite number, found -.inf")
        assertRejects(train + "    params:\n      noise: [0.5, .NaN]\n",
                      "pipeline.yaml:5: stage t: parameter noise must hold finite numbers, found .NaN")
    }

    func testNonFiniteDoubleInForeachIsRejected() {
        assertRejects(train + "    foreach: { lr: [0.1, .nan] }\n",
                      "pipeline.yaml:4: stage t foreach: parameter lr must be a finite number, found .nan")
        assertRejects(train + "    foreach:\n      lr:\n        - 0.1\n        - .inf\n",
                      "pipeline.yaml:7: stage t foreach: parameter lr must be a finite number, found .inf")
    }

    func testNonFiniteDoubleInProfileIsRejected() {
        assertRejects("profiles:\n  smoke:\n    t.seed: 3\n    t.lr: -.inf\n" + train,
                      "pipeline.yaml:4: profile smoke: override t.lr: parameter lr must be a finite number, found -.inf")
        assertRejects("profiles:\n  smoke:\n    t.noise: [.inf]\n" + train,
                      "pipeline.yaml:3: profile smoke: override t.noise: parameter noise must hold finite numbers, found .inf")
    }
}
