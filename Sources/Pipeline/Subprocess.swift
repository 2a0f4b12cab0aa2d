import Foundation

/// Runs a command-line tool to completion and collects what it printed.
enum Subprocess {
    struct Result {
        let status: Int32
        let output: Data
        let errors: Data
        var outputText: String { String(decoding: output, as: UTF8.self) }
        var errorText: String { String(decoding: errors, as: UTF8.self) }
    }

    /// Runs `tool` (looked up on PATH) with `arguments`. stderr is drained on its own thread
    /// while stdout is read here: reading one pipe to its end first would block for good once
    /// the tool fills the other pipe's buffer (64 KB).
    static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorData = DrainedData()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorData.data = errors.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: outputData, errors: errorData.data)
    }
}

/// Written by the draining thread before it signals, read after the wait.
private final class DrainedData: @unchecked Sendable {
    var data = Data()
}
