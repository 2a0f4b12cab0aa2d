import Foundation
import XCTest
@testable import Pipeline

/// pipeline.lock is read back by every command: it must never be written in a form the reader
/// rejects, and a damaged one must be reported with its line.
final class LockFileTests: XCTestCase {
    func record(_ params: [String: JSONValue]) -> StageRecord {
        StageRecord(kind: "k", version: 1, key: "abc", params: params, inputs: ["in": ["d1"]], outputs: ["out": "d2"])
    }

    func testRoundTrip() throws {
        let lock = PipelineLock(profiles: ["default": ["s": record(["lr": .double(1e-3), "n": .int(3), "name": .string("a\"b")])]])
        XCTAssertEqual(try PipelineLock(data: Data(lock.rendered.utf8)), lock)
    }

    func testRefusesToWriteNonFiniteNumbers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("pipeline.lock")
        for bad in [Double.nan, .infinity, -.infinity] {
            let lock = PipelineLock(profiles: ["default": ["s": record(["lr": .double(bad)])]])
            XCTAssertThrowsError(try lock.write(to: url)) { error in
                XCTAssertTrue("\(error)".contains("/profiles/default/s/params/lr"), "\(error)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
        }
    }

    func testDamagedLockNamesFileAndLine() {
        let text = "{\n  \"profiles\": {\n    \"default\": {\n      \"lr\": nan\n    }\n  },\n  \"version\": 1\n}\n"
        XCTAssertThrowsError(try PipelineLock(data: Data(text.utf8))) { error in
            XCTAssertTrue("\(error)".hasPrefix("pipeline.lock:4: is not valid JSON"), "\(error)")
        }
        XCTAssertThrowsError(try PipelineLock(data: Data("{\n  \"version\": 1,\n".utf8))) { error in
            XCTAssertTrue("\(error)".hasPrefix("pipeline.lock:2: is not valid JSON"), "\(error)")
        }
    }
}
