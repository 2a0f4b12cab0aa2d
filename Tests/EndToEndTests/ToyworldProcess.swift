import Foundation
import XCTest

/// Runs the built `toyworld` executable inside a scratch copy of the repository: the real
/// pipeline.yaml and figure scripts, in its own git repository, with its own cache.
final class ToyworldSandbox {
    let root: URL

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("toyworld-e2e-\(UUID().uuidString)")
        let files = FileManager.default
        let repository = Self.repositoryRoot
        try files.createDirectory(at: root, withIntermediateDirectories: true)
        try files.copyItem(at: repository.appendingPathComponent("pipeline.yaml"), to: root.appendingPathComponent("pipeline.yaml"))
        // The repository files stages read: figure scripts and claim templates.
        for (folder, suffix) in [("figures", ".gp"), ("docs/claims", ".yaml")] {
            try files.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            for file in try files.contentsOfDirectory(atPath: repository.appendingPathComponent(folder).path) where file.hasSuffix(suffix) {
                try files.copyItem(at: repository.appendingPathComponent("\(folder)/\(file)"), to: root.appendingPathComponent("\(folder)/\(file)"))
            }
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-qm", "sandbox")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Replaces pipeline.yaml by one with only a `smoke` profile and `stages` (YAML written at the
    /// stages block's indentation, two spaces).
    func writePipeline(stages: String) throws {
        let indented = stages.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        try "version: 1\nprofiles:\n  smoke: {}\nstages:\n\(indented)\n"
            .write(to: root.appendingPathComponent("pipeline.yaml"), atomically: true, encoding: .utf8)
    }

    /// The package root: this file lives in Tests/EndToEndTests/.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `toyworld` is built beside the test bundle.
    static var executable: URL {
        let products = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        return products.appendingPathComponent("toyworld")
    }

    @discardableResult
    func toyworld(_ arguments: String...) throws -> Result {
        try run(Self.executable, arguments)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> Result {
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-c", "user.name=t", "-c", "user.email=t@t"] + arguments)
        if result.status != 0 { throw NSError(domain: "git", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
        return result
    }

    func run(_ executable: URL, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        // stderr goes to a file so that a chatty process cannot block on a second full pipe.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("toyworld-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
