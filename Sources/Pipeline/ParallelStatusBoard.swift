import Foundation

/// `repro -j N` on a terminal: one status line per running stage, redrawn in place from the
/// last line of each stage's log (its child process writes progress there), with the engine's
/// own lines (started, ran in, failed) printed above the board as they come.
final class ParallelStatusBoard {
    private static let cursorUp = "\u{1B}[%dA", clearToEnd = "\r\u{1B}[J"
    private let lock = NSLock()
    private let write: (String) -> Void
    private let say: (String) -> Void
    private let width: () -> Int
    private var stages: [(name: String, log: URL, started: Date)] = []
    private var drawnLines = 0

    /// `write` draws on the terminal (escape codes and status lines); `say` prints a line of the
    /// report, and must have flushed it when it returns so that the redraw lands below it;
    /// `width` is the terminal's column count, so that no line wraps (a wrapped line would
    /// break the cursor arithmetic of the redraw).
    init(width: @escaping () -> Int = ParallelStatusBoard.terminalColumns,
         write: @escaping (String) -> Void, say: @escaping (String) -> Void) {
        self.width = width
        self.write = write
        self.say = say
    }

    func add(_ name: String, log: URL) {
        locked { stages.append((name, log, Date())); redraw() }
    }

    func remove(_ name: String) {
        locked { stages.removeAll { $0.name == name }; redraw() }
    }

    /// Prints `text` as a line above the board.
    func message(_ text: String) {
        locked {
            write(erase())
            drawnLines = 0
            say(text)
            redraw()
        }
    }

    /// Rereads every log; the heartbeat calls it every second.
    func refresh() {
        locked { redraw() }
    }

    /// Leaves the terminal as if no board had been drawn.
    func close() {
        locked {
            write(erase())
            drawnLines = 0
            stages = []
        }
    }

    private func locked(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body()
    }

    private func erase() -> String {
        drawnLines == 0 ? Self.clearToEnd : String(format: Self.cursorUp, drawnLines) + Self.clearToEnd
    }

    private func redraw() {
        let columns = max(20, width())
        let lines = stages.map { stage in
            Self.fit(Self.statusLine(name: stage.name, lastLogLine: Self.lastLine(of: stage.log),
                                     elapsed: Date().timeIntervalSince(stage.started)), columns: columns - 1)
        }
        write(erase() + lines.map { $0 + "\n" }.joined())
        drawnLines = lines.count
    }

    /// `lds-r1  1234/243200 examples (1%)  loss 0.93  ...`: the log's line without the child's
    /// own `[1/1] lds-r1` label, or the time since the start while the log is still empty.
    static func statusLine(name: String, lastLogLine: String?, elapsed: Double) -> String {
        guard var line = lastLogLine else { return "\(name)  running \(ProgressLine.duration(elapsed))" }
        let label = "\(name)  "
        if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
            let rest = line[line.index(after: close)...].drop { $0 == " " }
            if rest.hasPrefix(label) { line = String(rest.dropFirst(label.count)) }
        }
        return label + line
    }

    static func fit(_ line: String, columns: Int) -> String {
        line.count <= columns ? line : String(line.prefix(max(0, columns - 1))) + "…"
    }

    /// The last non-empty line among the file's final few kilobytes.
    static func lastLine(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        try? handle.seek(toOffset: end > 4096 ? end - 4096 : 0)
        guard let data = try? handle.readToEnd(), let text = String(data: data, encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }.map(String.init)
    }

    static func terminalColumns() -> Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}
