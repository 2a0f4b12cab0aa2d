import Foundation
import XCTest

/// `push` / `pull` through a directory remote and a local HTTP server: a fresh checkout pulls
/// what another pushed and renders every figure without running a stage; a corrupted object
/// on the remote is refused.
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

    func testACorruptedObjectOnTheRemoteIsRefused() throws {
        let origin = try pushedSandbox()
        let objects = try FileManager.default.subpathsOfDirectory(atPath: remote.path).filter { $0.hasSuffix(".h5") }.sorted()
        let victim = remote.appendingPathComponent(try XCTUnwrap(objects.first))
        var bytes = [UInt8](try Data(contentsOf: victim))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: victim)

        let fresh = try clone(of: origin, url: remote.path)
        let pull = try fresh.toyworld("pull", "--profile", "smoke")
        XCTAssertEqual(pull.status, 1, pull.stdout)
        XCTAssertTrue(pull.stderr.contains("does not match the SHA-256 its manifest records; not pulled"), pull.stderr)
        let key = victim.deletingLastPathComponent().lastPathComponent
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.root.appendingPathComponent("data/cache/\(key)").path),
                       "the corrupt entry is not in the cache")
    }

    func testPullOverHTTPWithTheFlatLayout() throws {
        let origin = try pushedSandbox(layout: "flat")
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: remote.path).contains { $0.hasSuffix("--manifest.json") })
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let port = Int.random(in: 20_000..<40_000)
        server.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", remote.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let url = "http://127.0.0.1:\(port)/"
        let fresh = try clone(of: origin, url: url, layout: "flat")
        var pull = try fresh.toyworld("pull", "--profile", "smoke")
        for _ in 0..<50 where pull.status != 0 && pull.stderr.contains("cannot fetch") {   // the server is still starting
            Thread.sleep(forTimeInterval: 0.2)
            pull = try fresh.toyworld("pull", "--profile", "smoke")
        }
        XCTAssertEqual(pull.status, 0, pull.stderr)
        XCTAssertTrue(pull.stdout.contains("pulled 14 entries; 1 already cached"), pull.stdout)
        let push = try fresh.toyworld("push", "--profile", "smoke")
        XCTAssertEqual(push.status, 1)
        XCTAssertTrue(push.stderr.contains("read-only over HTTP"), push.stderr)
        let repro = try fresh.toyworld("repro", "--profile", "smoke", "fig-coop-05a", "fig-coop-16")
        XCTAssertFalse(repro.stdout.contains("started"), repro.stdout)
    }
}
