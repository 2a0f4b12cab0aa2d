/// Progress for a log (stderr is no terminal: CI, `tee`, `nohup`): a line when a stage starts,
/// another whenever `interval` seconds of the stage have passed since the last, and one when
/// it ends. Whole lines only, never a carriage return or an escape code, so that the log reads
/// the same in any viewer and a long stage still shows it is alive.
public final class PlainLogProgressRenderer: ProgressSink {
    private let interval: Double
    private let write: (String) -> Void
    private var position: StagePosition?
    private var last: ProgressSnapshot?
    /// Stage time of the last line written.
    private var lineAt = 0.0

    /// The engine's heartbeat brings a snapshot every second, so lines come within a second of
    /// each `interval`.
    public init(interval: Double = 30, write: @escaping (String) -> Void = writeToStandardError) {
        self.interval = interval
        self.write = write
    }

    public func receive(_ event: ProgressEvent) {
        switch event {
        case .stageStarted(let position):
            self.position = position
            last = nil
            lineAt = 0
            line(ProgressLine.started(position))
        case .started:
            break
        case .advanced(let snapshot):
            last = snapshot
            guard snapshot.elapsed - lineAt >= interval else { return }
            lineAt = snapshot.elapsed
            line(ProgressLine.running(position, snapshot))
        case .message(let text):
            line(text)
        case .finished(let seconds):
            line(ProgressLine.ended(position, last: last, "finished in", seconds: seconds))
        case .failed(let seconds):
            line(ProgressLine.ended(position, last: last, "failed after", seconds: seconds))
        }
    }

    private func line(_ text: String) { write(text + "\n") }
}
