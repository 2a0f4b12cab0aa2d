import XCTest
@testable import Pipeline

/// Repository-file parameters enter the cache key by content; active-profile parameters take
/// the profile's name.
final class FileParameterTests: XCTestCase {
    private var repo: ScratchRepo!

    override func setUpWithError() throws {
        RunLog.reset()
        repo = try ScratchRepo()
        try "first\n".write(to: repo.root.appendingPathComponent("template.txt"), atomically: true, encoding: .utf8)
        try repo.write("""
        profiles:
          smoke: {}
        stages:
          page:
            uses: test.template
            params: { template: template.txt }
        """)
    }

    func testEditingTheFileRerunsTheStageAndStatusSaysWhy() throws {
        try repo.repro()
        XCTAssertEqual(try repo.repro().ran, [])
        try "second\n".write(to: repo.root.appendingPathComponent("template.txt"), atomically: true, encoding: .utf8)
        let status = try repo.engine().status(profile: "default")
        XCTAssertEqual(status.first?.reasons, ["input file:template changed"])
        XCTAssertEqual(try repo.repro().ran, ["page"])
        let text = try String(contentsOf: try repo.engine().artifactURL("page", profile: "default"), encoding: .utf8)
        XCTAssertEqual(text, "default: second\n")
    }

    func testActiveProfileParameterTakesTheProfileName() throws {
        XCTAssertEqual(try repo.engine().plan(profile: "smoke")["page"]!.params.string("profile"), "smoke")
        try repo.repro(profile: "smoke")
        let text = try String(contentsOf: try repo.engine().artifactURL("page", profile: "smoke"), encoding: .utf8)
        XCTAssertEqual(text, "smoke: first\n")
    }

    func testMissingFileIsNamed() throws {
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("template.txt"))
        XCTAssertThrowsError(try repo.repro()) { error in
            XCTAssertTrue("\(error)".contains("template.txt"), "\(error)")
            XCTAssertTrue("\(error)".contains("page"), "\(error)")
        }
    }
}
