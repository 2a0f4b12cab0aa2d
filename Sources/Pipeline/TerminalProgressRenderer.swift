import Foundation

/// Progress on a terminal: one line per stage, redrawn in place, cleared when the stage ends so
/// that the engine's `<stage>: ran in ...` line takes its place.
public final class TerminalProgressRenderer: ProgressSink {
    private static let clearLine = "\r\u{1B}[K"
    private let write: (String) -> Void
    private var position: StagePosition?
    private var shown: String?

    public init(write: @escaping (String) -> Void = writeToStandardError) {
        self.write = write
    }

    public func receive(_ event: ProgressEvent) {
        switch event {
        case .stageStarted(let position):
            self.position = position
            draw(ProgressLine.started(position))
        case .started:
            break
        case .advanced(let snapshot):
            draw(ProgressLine.running(position, snapshot))
        case .message(let text):
            write(Self.clearLine + text + "\n")
            if let shown { write(shown) }
        case .finished, .failed:
            write(Self.clearLine)
            shown = nil
        }
    }

    private func draw(_ line: String) {
        shown = Self.clearLine + line
        write(shown!)
    }
}
