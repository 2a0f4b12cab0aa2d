import Foundation
import XCTest
@testable import Pipeline

/// gc removes only what nothing refers to, and only when told to.
final class GarbageCollectionTests: XCTestCase {
    func testOnlyUnreferencedEntriesAndWorkFoldersGo() throws {
        let repo = try ScratchRepo()
        try repo.write("stages:\n  src:\n    uses: test.source\n    params: { value: 1 }\n  parity:\n    uses: test.parity\n    needs: { number: src }\n")
        try repo.repro()
        let firstKey = try XCTUnwrap(try PipelineLock.read(repo.engine().lockURL).profiles["default"]?["src"]?.key)
        try repo.write("stages:\n  src:\n    uses: test.source\n    params: { value: 2 }\n  parity:\n    uses: test.parity\n    needs: { number: src }\n")
        try repo.repro()
        let work = repo.root.appendingPathComponent("data/work")
        let planned = try repo.engine().plannedKeys(profile: "default")
        let unfinished = work.appendingPathComponent(try XCTUnwrap(planned.first)), orphan = work.appendingPathComponent("0bad")
        for folder in [unfinished, orphan] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

        let dryRun = try repo.engine().collectGarbage(revisions: 0, delete: false)
        XCTAssertEqual(dryRun.entries.map(\.url.lastPathComponent).sorted().first, firstKey)
        XCTAssertEqual(dryRun.entries.count, 2, "src and parity of the first run")
        XCTAssertEqual(dryRun.workFolders.map(\.url.lastPathComponent), ["0bad"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo.engine().cache.entryDirectory(firstKey).path), "nothing deleted without --yes")

        _ = try repo.engine().collectGarbage(revisions: 0, delete: true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.engine().cache.entryDirectory(firstKey).path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: orphan.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: unfinished.path))
        XCTAssertEqual(try repo.repro().ran, [], "everything the lock names is still cached")
    }

    func testRefusesWhileAReproHoldsTheLock() throws {
        let repo = try ScratchRepo()
        try repo.write("stages:\n  src:\n    uses: test.source\n")
        let data = repo.root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let held = ReproLock(url: data.appendingPathComponent("repro.lock"))
        try held.acquire(wait: false) { _ in }
        defer { held.release() }
        XCTAssertThrowsError(try repo.engine().collectGarbage(revisions: 0, delete: true))
    }
}
