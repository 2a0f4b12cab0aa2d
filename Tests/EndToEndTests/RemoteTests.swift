import Artifacts
import Foundation
import XCTest

/// `push` / `pull` through a directory remote and a local HTTP server: a fresh checkout pulls
/// what another pushed and renders every figure without running a stage; a corrupted object,
/// a forged one with a matching manifest, and a manifest naming a path outside its entry are
/// refused.
final class RemoteTests: XCTestCase {
    var remote: URL!

    override func setUpWithError() throws {
        remote = FileManager.default.temporaryDirectory.appendingPathComponent("toyworld-remote-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: remote) }

    func configure(_ sandbox: ToyworldSandbox, url: String, layout: String = "tree") throws {
        try "default: shared\nremotes:\n  shared: { url: \"\(url)\", layout: \(layout) }\n"
            .write(to: sandbox.root.appendingPathComponent("remote.yaml"), atomically: true, encoding: .utf8)
    }

    /// A sandbox that ran the coopetition stages of the smoke profile and pushed them.
    func pushedSandbox(layout: String = "tree") throws -> ToyworldSandbox {
        let origin = try ToyworldSandbox()
        try configure(origin, url: remote.path, layout: layout)
        XCTAssertEqual(try origin.toyworld("repro", "--profile", "smoke", "fig-coop-05a", "fig-coop-16").status, 0)
        let push = try origin.toyworld("push", "--profile", "smoke")
        XCTAssertEqual(push.status, 0, push.stderr)
        // 15 entries, 14 keys: coop-fig05a is coop-mu1[seed=9] under the smoke profile.
        XCTAssertTrue(push.stdout.contains("pushed 14 entries; 1 already on the remote"), push.stdout)
        let again = try origin.toyworld("push", "--profile", "smoke")
        XCTAssertTrue(again.stdout.contains("pushed 0 entries; 15 already on the remote"), again.stdout)
        return origin
    }

    /// A fresh sandbox with the origin's pipeline.lock, as a clone would have it.
    func clone(of origin: ToyworldSandbox, url: String, layout: String = "tree") throws -> ToyworldSandbox {
        let fresh = try ToyworldSandbox()
        try FileManager.default.copyItem(at: origin.root.appendingPathComponent("pipeline.lock"), to: fresh.root.appendingPathComponent("pipeline.lock"))
        try configure(fresh, url: url, layout: layout)
        return fresh
    }

    func testAFreshCheckoutPullsFromADirectoryAndRendersWithoutRunning() throws {
        let origin = try pushedSandbox()
        let fresh = try clone(of: origin, url: remote.path)
        let pull = try fresh.toyworld("pull", "--profile", "smoke")
        XCTAssertEqual(pull.status, 0, pull.stderr)
        XCTAssertTrue(pull.stdout.contains("pulled 14 entries; 1 already cached"), pull.stdout)
        let repro = try fresh.toyworld("repro", "--profile", "smoke", "fig-coop-05a", "fig-coop-16")
        XCTAssertEqual(repro.status, 0, repro.stderr)
        XCTAssertFalse(repro.stdout.contains("started"), "nothing runs after a pull: \(repro.stdout)")
        XCTAssertTrue(repro.stdout.contains("figures/smoke/fig-coop-16.png from the cache"), repro.stdout)
    }

    /// Flips a byte in the middle of one pushed artifact; the artifact.
    func corruptAPushedArtifact() throws -> URL {
        let objects = try FileManager.default.subpathsOfDirectory(atPath: remote.path).filter { $0.hasSuffix(".h5") }.sorted()
        let victim = remote.appendingPathComponent(try XCTUnwrap(objects.first))
        var bytes = [UInt8](try Data(contentsOf: victim))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: victim)
        return victim
    }

    func testACorruptedObjectOnTheRemoteIsRefused() throws {
        let origin = try pushedSandbox()
        let victim = try corruptAPushedArtifact()
        let fresh = try assertPullIsRefused(from: origin, saying: "does not match the SHA-256 its manifest records; not pulled")
        let key = victim.deletingLastPathComponent().lastPathComponent
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.root.appendingPathComponent("data/cache/\(key)").path),
                       "the corrupt entry is not in the cache")
    }

    /// Serves `directory` over HTTP on 127.0.0.1 until the returned process is terminated.
    func serve(_ directory: URL) throws -> (server: Process, url: String) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let port = Int.random(in: 20_000..<40_000)
        server.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        return (server, "http://127.0.0.1:\(port)/")
    }

    /// `toyworld pull`, retried while the local server is still starting.
    func pull(_ sandbox: ToyworldSandbox) throws -> ToyworldSandbox.Result {
        var pull = try sandbox.toyworld("pull", "--profile", "smoke")
        for _ in 0..<50 where pull.status != 0 && pull.stderr.contains("cannot fetch") {
            Thread.sleep(forTimeInterval: 0.2)
            pull = try sandbox.toyworld("pull", "--profile", "smoke")
        }
        return pull
    }

    func testPullOverHTTPWithTheFlatLayout() throws {
        let origin = try pushedSandbox(layout: "flat")
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: remote.path).contains { $0.hasSuffix("--manifest.json") })
        let (server, url) = try serve(remote)
        defer { server.terminate(); server.waitUntilExit() }
        let fresh = try clone(of: origin, url: url, layout: "flat")
        let pull = try pull(fresh)
        XCTAssertEqual(pull.status, 0, pull.stderr)
        XCTAssertTrue(pull.stdout.contains("pulled 14 entries; 1 already cached"), pull.stdout)
        let push = try fresh.toyworld("push", "--profile", "smoke")
        XCTAssertEqual(push.status, 1)
        XCTAssertTrue(push.stderr.contains("read-only over HTTP"), push.stderr)
        let repro = try fresh.toyworld("repro", "--profile", "smoke", "fig-coop-05a", "fig-coop-16")
        XCTAssertFalse(repro.stdout.contains("started"), repro.stdout)
    }

    func testPullOverHTTPWithTheTreeLayoutRefusesACorruptedObject() throws {
        let origin = try pushedSandbox()
        let victim = try corruptAPushedArtifact()
        let (server, url) = try serve(remote)
        defer { server.terminate(); server.waitUntilExit() }
        let fresh = try assertPullIsRefused(from: origin, url: url, saying: "does not match the SHA-256 its manifest records; not pulled")
        let key = victim.deletingLastPathComponent().lastPathComponent
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.root.appendingPathComponent("data/cache/\(key)").path))
    }

    /// Rewrites the `files` field of entry `key`'s manifest on the remote.
    func editRemoteManifestFiles(_ key: String, _ edit: (inout [String: Any]) throws -> Void) throws {
        let url = remote.appendingPathComponent("\(key)/manifest.json")
        var manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var files = try XCTUnwrap(manifest["files"] as? [String: Any])
        try edit(&files)
        manifest["files"] = files
        try JSONSerialization.data(withJSONObject: manifest).write(to: url)
    }

    /// A fresh clone's `pull` from the remote (at `url`, else the directory) fails with
    /// `message`; the clone.
    func assertPullIsRefused(from origin: ToyworldSandbox, url: String? = nil, saying message: String,
                             file: StaticString = #filePath, line: UInt = #line) throws -> ToyworldSandbox {
        let fresh = try clone(of: origin, url: url ?? remote.path)
        let pull = try pull(fresh)
        XCTAssertEqual(pull.status, 1, pull.stdout, file: file, line: line)
        XCTAssertTrue(pull.stderr.contains(message), pull.stderr, file: file, line: line)
        return fresh
    }

    /// A remote that replaces an artifact and rewrites the manifest's hashes to match cannot
    /// get it into the cache: the lock's content digest does not match.
    func testAForgedArtifactWithAMatchingManifestIsRefused() throws {
        let origin = try pushedSandbox()
        let entries = try FileManager.default.contentsOfDirectory(atPath: remote.path).sorted()
        let outputs = try entries.map { key in
            (key, try FileManager.default.contentsOfDirectory(atPath: remote.appendingPathComponent(key).path).filter { $0.hasSuffix(".h5") }.sorted())
        }.filter { !$0.1.isEmpty }
        let (victimKey, victimFiles) = try XCTUnwrap(outputs.first)
        let (donorKey, donorFiles) = try XCTUnwrap(outputs.last)
        XCTAssertNotEqual(victimKey, donorKey)
        let victim = remote.appendingPathComponent("\(victimKey)/\(victimFiles[0])")
        try FileManager.default.removeItem(at: victim)
        try FileManager.default.copyItem(at: remote.appendingPathComponent("\(donorKey)/\(donorFiles[0])"), to: victim)
        let forged = try SHA256.ofFile(victim)
        try editRemoteManifestFiles(victimKey) { $0[victimFiles[0]] = ["bytes": forged.bytes, "sha256": forged.hex] }

        let fresh = try assertPullIsRefused(from: origin, saying: "does not have the content digest pipeline.lock records; not pulled")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.root.appendingPathComponent("data/cache/\(victimKey)").path))
    }

    func testAManifestNamingAFileOutsideItsEntryIsRefused() throws {
        let origin = try pushedSandbox()
        let key = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: remote.path).sorted().first)
        try editRemoteManifestFiles(key) { $0["../../escaped.txt"] = ["bytes": 1, "sha256": "00"] }

        let fresh = try assertPullIsRefused(from: origin, saying: "names a file \"../../escaped.txt\" outside its entry; not pulled")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.root.appendingPathComponent("data/escaped.txt").path))
    }
}
