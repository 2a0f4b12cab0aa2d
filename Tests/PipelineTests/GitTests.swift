import Foundation
import XCTest
@testable import Pipeline

/// Revisions from the command line reach git only after `rev-parse --verify`, never as options.
final class GitTests: XCTestCase {
    func testOptionLikeRevisionsAreRejectedAndWriteNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for arguments in [["init", "-q"], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "x"]] {
            _ = try Git.run(arguments, at: dir)
        }
        XCTAssertEqual(try Git.commit("HEAD", at: dir).count, 40)
        for revision in ["--output=written", "-o", "no-such-branch", "HEAD:pipeline.lock"] {
            XCTAssertThrowsError(try Git.show(revision: revision, path: "pipeline.lock", at: dir)) { error in
                XCTAssertEqual("\(error)", "\(revision) is not a git revision of this repository (a commit, branch or tag)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("written").path))
    }
}
