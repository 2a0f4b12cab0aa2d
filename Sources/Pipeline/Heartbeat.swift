import Dispatch

/// Calls `beat` every `interval` seconds on a background queue until stopped: a stage may
/// count nothing for minutes, and its progress display must still move.
final class Heartbeat {
    private let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))

    init(every interval: Double, _ beat: @escaping () -> Void) {
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler(handler: beat)
        timer.resume()
    }

    /// A beat already under way may still finish after this returns.
    func stop() { timer.cancel() }
}
