import XCTest
@testable import Pipeline

final class SubprocessTests: XCTestCase {
    /// A tool that fills stderr past a pipe's buffer before it writes stdout must not hang.
    func testLargeOutputOnBothStreamsIsCollectedWithoutBlocking() throws {
        let script = "head -c 300000 /dev/zero | tr '\\0' e >&2; head -c 200000 /dev/zero | tr '\\0' o; exit 3"
        let result = try Subprocess.run("sh", ["-c", script])
        XCTAssertEqual(result.status, 3)
        XCTAssertEqual(result.errors.count, 300_000)
        XCTAssertEqual(result.output.count, 200_000)
        XCTAssertTrue(result.errorText.allSatisfy { $0 == "e" })
        XCTAssertTrue(result.outputText.allSatisfy { $0 == "o" })
    }
}
