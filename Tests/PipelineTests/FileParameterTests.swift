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

    /// Paths stay inside the repository and name readable files; checked when pipeline.yaml
    /// is loaded, with its line.
    func testFilePathsAndProfileNamesCannotEscapeTheRepository() throws {
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("figures"), withIntermediateDirectories: true)
        let cases: [(String, String)] = [
            ("../../etc/passwd", "must be a path inside the repository"),
            ("/etc/passwd", "must be a path inside the repository"),
            ("figures", "is a directory, not a file"),
            ("nothing.txt", "does not exist"),
        ]
        for (path, message) in cases {
            try repo.write("stages:\n  page:\n    uses: test.template\n    params: { template: \"\(path)\" }\n")
            XCTAssertThrowsError(try repo.engine().status(profile: "default")) { error in
                XCTAssertTrue("\(error)".hasPrefix("pipeline.yaml:4: stage page: parameter template = \(path) \(message)"), "\(error)")
            }
        }
        try repo.write("profiles:\n  ../../../p: {}\nstages:\n  page:\n    uses: test.template\n    params: { template: template.txt }\n")
        XCTAssertThrowsError(try repo.engine().status(profile: "default")) { error in
            XCTAssertTrue("\(error)".hasPrefix("pipeline.yaml:2: profile name ../../../p may only contain"), "\(error)")
        }
    }

    func testMissingFileIsNamed() throws {
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("template.txt"))
        XCTAssertThrowsError(try repo.repro()) { error in
            XCTAssertTrue("\(error)".contains("template.txt"), "\(error)")
            XCTAssertTrue("\(error)".contains("page"), "\(error)")
        }
    }
}
