import Foundation
import XCTest
import Artifacts
@testable import Pipeline

/// The cache checks what it holds: a changed byte anywhere in a cached file — in a dataset, in
/// `/provenance`, in HDF5's metadata — a truncation, zeros or a directory in its place are
/// found by `status`, `verify` and `repro`, which rebuilds the entry; a stage refuses a
/// corrupt input.
final class CacheIntegrityTests: XCTestCase {
    private var repo: ScratchRepo!
    private var engine: Engine!
    private var lines: [String] = []

    override func setUpWithError() throws {
        RunLog.reset()
        repo = try ScratchRepo()
        try repo.write("""
        stages:
          ramp:
            uses: test.ramp
            params: { count: 64, offset: 1234.5 }
          total:
            uses: test.total
            needs: { ramps: ramp }
        """)
        engine = Engine(root: repo.root, registry: StageRegistry([RampKind.self, TotalKind.self]), sealer: HDF5Sealer(),
                        toolVersion: "test", progress: nil) { [unowned self] in self.lines.append($0) }
        try engine.repro(ReproOptions())
    }

    private var rampFile: URL { get throws { try engine.artifactURL("ramp", profile: "default") } }

    /// Overwrites 8 bytes at the first occurrence of `marker` in the file, keeping its length.
    private func flip(_ url: URL, at marker: [UInt8]) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let start = try XCTUnwrap((0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker },
                                  "marker not found")
        for i in start..<(start + 8) { bytes[i] ^= 0xFF }
        try Data(bytes).write(to: url)
    }

    private func statusReason(_ stage: String) throws -> String {
        try engine.status(profile: "default").first { $0.name == stage }!.reasons.joined(separator: "; ")
    }

    func testAFlippedDatasetIsFoundAndRebuilt() throws {
        let url = try rampFile
        let values = (0..<64).map { 1234.5 + Double($0) }
        try flip(url, at: values[10...11].withUnsafeBytes { Array($0) })
        let reason = try statusReason("ramp")
        XCTAssertTrue(reason.contains("does not match the SHA-256 recorded"), reason)
        XCTAssertEqual(try engine.verify(profile: "default").first { $0.stage == "ramp" }?.state,
                       .corrupt("\(url.path) does not match the SHA-256 recorded when it was written"))
        lines = []
        try engine.repro(ReproOptions())
        XCTAssertTrue(lines.contains { $0.hasPrefix("warning: ramp: its cache entry is corrupt") }, "\(lines)")
        XCTAssertEqual(lines.filter { $0.hasSuffix(": cached") }, ["total: cached"], "the rebuilt ramp has the same content")
        XCTAssertTrue(try engine.verify(profile: "default").allSatisfy { $0.state == .intact })
    }

    func testAFlippedProvenanceIsFoundToo() throws {
        let url = try rampFile
        try flip(url, at: Array("test.ramp".utf8))   // the kind's name, stored only in /provenance
        XCTAssertTrue(try statusReason("ramp").contains("cached output corrupt"))
        XCTAssertEqual(try engine.verify(profile: "default").filter { $0.state != .intact }.map(\.stage), ["ramp"])
    }

    func testTruncationZerosAndADirectoryAreSeenWithoutHashing() throws {
        let url = try rampFile
        let original = try Data(contentsOf: url)
        let damages: [(String, () throws -> Void)] = [
            ("has \(original.count / 2) bytes", { try original.prefix(original.count / 2).write(to: url) }),
            ("does not match the SHA-256", { try Data(count: original.count).write(to: url) }),
            ("is not a regular file", {
                try FileManager.default.removeItem(at: url)
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            }),
        ]
        for (expected, damage) in damages {
            try damage()
            let reason = try statusReason("ramp")
            XCTAssertTrue(reason.contains(expected), "\(expected): \(reason)")
            try? FileManager.default.removeItem(at: url)
            try original.write(to: url)
            XCTAssertEqual(try statusReason("ramp"), "")
        }
    }

    func testAStageRefusesACorruptInputEvenWhenItsSizeAndTimeAreUnchanged() throws {
        let url = try rampFile
        var before = stat()
        XCTAssertEqual(lstat(url.path, &before), 0)
        try flip(url, at: (0..<64).map { 1234.5 + Double($0) }[20...21].withUnsafeBytes { Array($0) })
        var times = [before.st_atim, before.st_mtim]   // restored to the nanosecond, as `touch -r` would
        XCTAssertEqual(utimensat(AT_FDCWD, url.path, &times, 0), 0)
        XCTAssertEqual(try statusReason("ramp"), "", "length and time unchanged: the cheap check passes")
        var options = ReproOptions()
        options.targets = ["total"]
        options.force = true
        XCTAssertThrowsError(try engine.repro(options)) { error in
            XCTAssertTrue("\(error)".contains("stage total: input ramp@ramp is corrupt: \(url.path) does not match"), "\(error)")
        }
    }

    func testEntriesWithoutRecordedHashesAreAdopted() throws {
        let url = try rampFile
        let manifest = url.deletingLastPathComponent().appendingPathComponent(Cache.manifestName)
        guard case .object(var fields) = try JSONValue.parse(Data(contentsOf: manifest), file: "manifest.json") else { return XCTFail() }
        fields["files"] = nil
        try Data(JSONValue.object(fields).pretty.utf8).write(to: manifest)
        XCTAssertEqual(try statusReason("ramp"), "")
        XCTAssertNotNil(try JSONValue.parse(Data(contentsOf: manifest), file: "manifest.json")["files"]?["ramp.h5"]?["sha256"])
    }
}
