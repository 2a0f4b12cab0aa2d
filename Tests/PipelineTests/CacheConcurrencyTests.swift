import Foundation
import XCTest
@testable import Pipeline

/// Two processes committing the same key (two cluster jobs of one stage), while a third reads
/// the entry: every commit succeeds and the reader sees the entry whole or not at all.
final class CacheConcurrencyTests: XCTestCase {
    func testConcurrentCommitsOfOneKeyNeverLeaveACorruptEntry() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cache-race-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cache = Cache(directory: directory)
        let key = "race", payload = Data((0..<200_000).map { UInt8($0 % 251) })
        let record = StageRecord(kind: "test.kind", version: 1, key: key, params: [:], inputs: [:], outputs: ["out": "digest"])

        let log = RaceLog()
        let commitOnce: @Sendable (Int, Int) throws -> Void = { writer, round in
            let partial = directory.appendingPathComponent("\(key).partial-test-\(writer)-\(round)")
            try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
            try payload.write(to: partial.appendingPathComponent("out.h5"))
            try cache.commit(partial: partial, record: record, stage: "race")
        }
        let done = DispatchGroup()
        for writer in 0..<2 {
            DispatchQueue.global().async(group: done) {
                for round in 0..<40 {
                    do { try commitOnce(writer, round) } catch { log.fail("\(error)") }
                }
            }
        }
        let reader = DispatchQueue(label: "reader")
        reader.async {
            while !log.stopped {
                if cache.completedRecord(key: key, outputs: ["out"]) != nil,
                   let bytes = try? Data(contentsOf: cache.outputURL(key: key, output: "out")) {
                    if bytes == payload { log.sawWhole() } else if !bytes.isEmpty { log.fail("read \(bytes.count) bytes of a mixed entry") }
                }
            }
        }
        done.wait()
        log.stop()
        reader.sync {}
        let failures = log.failures, readsWhole = log.whole
        XCTAssertEqual(failures, [])
        XCTAssertEqual(try Data(contentsOf: cache.outputURL(key: key, output: "out")), payload)
        XCTAssertNotNil(cache.completedRecord(key: key, outputs: ["out"]))
        XCTAssertGreaterThan(readsWhole, 0, "the reader saw the entry")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != key }
        XCTAssertEqual(leftovers, [], "no partial or replaced directory is left behind")
    }
}

/// What the threads of the race report, behind a lock.
private final class RaceLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _failures: [String] = [], _whole = 0, _stopped = false
    var failures: [String] { lock.withLock { _failures } }
    var whole: Int { lock.withLock { _whole } }
    var stopped: Bool { lock.withLock { _stopped } }
    func fail(_ why: String) { lock.withLock { _failures.append(why) } }
    func sawWhole() { lock.withLock { _whole += 1 } }
    func stop() { lock.withLock { _stopped = true } }
}
