import Foundation

/// Runs gnuplot scripts. Scripts never choose their terminal: the caller renders each one
/// once per format so that PNG (README) and PDF (papers) come from the same script.
public enum Gnuplot {
    public enum Format: String, CaseIterable {
        case png, pdf
        var terminal: String {
            switch self {
            case .png: return "pngcairo size 1400,900 font 'Sans,16'"
            case .pdf: return "pdfcairo size 11in,7in font 'Sans,11'"
            }
        }
    }

    /// Renders `script` to `output` with gnuplot variables `datadir`, `profile`, `style` (the
    /// shared look, by default `style.gp` beside the script) and `olddir` (another version's
    /// tables to draw faint under these, or "") defined; returns what gnuplot printed on stderr
    /// (its warnings) when it succeeded.
    @discardableResult
    public static func render(script: URL, datadir: URL, profile: String, format: Format, output: URL,
                              style: URL? = nil, olddir: URL? = nil) throws -> String {
        guard FileManager.default.fileExists(atPath: script.path) else { throw PlotError.scriptMissing(script.path) }
        let style = style ?? script.deletingLastPathComponent().appendingPathComponent("style.gp")
        guard let gnuplot = executable() else { throw PlotError.gnuplotMissing }
        let process = Process()
        process.executableURL = gnuplot
        process.arguments = [
            "-e", "datadir='\(escape(datadir.path))'; profile='\(escape(profile))'; style='\(escape(style.path))'; "
                + "olddir='\(escape(olddir?.path ?? ""))'",
            "-e", "set terminal \(format.terminal); set output '\(escape(output.path))'",
            script.path,
        ]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            throw PlotError.gnuplotFailed(script: script.path, status: process.terminationStatus, message: text)
        }
        if format == .pdf { try pinCreationDate(output) }
        return text
    }

    /// Cairo stamps PDFs with the wall-clock time; overwriting it in place with a fixed date of
    /// the same length (cross-reference offsets stay valid) makes the same figure the same bytes.
    static func pinCreationDate(_ pdf: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: pdf))
        let marker = Array("/CreationDate (D:".utf8)
        let fixed = Array("19700101000000".utf8)
        guard let start = bytes.firstRange(of: marker)?.upperBound, start + fixed.count <= bytes.count else { return }
        for (i, digit) in fixed.enumerated() where bytes[start + i] >= 0x30 && bytes[start + i] <= 0x39 {
            bytes[start + i] = digit
        }
        try Data(bytes).write(to: pdf)
    }

    static func executable() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private static func escape(_ s: String) -> String { s.replacingOccurrences(of: "'", with: "''") }
}
