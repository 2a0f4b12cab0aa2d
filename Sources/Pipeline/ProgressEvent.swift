import Foundation

/// What a running repro tells a front end, in order, for each stage it runs: `stageStarted`,
/// then any `started`/`advanced`/`message` the stage kind reports, then `finished` or `failed`.
/// The numbers (rate, ETAs) are worked out once by `ProgressReporter`, so a terminal line, a
/// log and any other front end show the same values.
public enum ProgressEvent: Equatable {
    /// A stage begins: its place among the stages this repro runs, and what earlier runs took.
    case stageStarted(StagePosition)
    /// The stage counts its work: `total` units, of which `resumedFrom` were done by an earlier,
    /// interrupted run.
    case started(total: Int, unit: String, resumedFrom: Int)
    /// Where the stage stands: after an advance (at most a few a second) and on the engine's
    /// heartbeat, so that a stage which counts nothing for a while still shows time passing.
    case advanced(ProgressSnapshot)
    /// A line to show as it is, e.g. `resuming train from 400 steps`.
    case message(String)
    /// The stage's progress is over, `seconds` after it started.
    case finished(seconds: Double)
    /// The stage threw, `seconds` after it started; the error itself is reported elsewhere.
    case failed(seconds: Double)
}

/// `[index/count]` of the stages this repro runs, with the recorded wall times the ETAs rest on.
public struct StagePosition: Equatable {
    /// The stage instance, e.g. `coop[seed=3]`.
    public let name: String
    /// 1-based, among the stages that run (cached ones are not counted).
    public let index: Int
    /// The stages this repro runs: those already run plus those forecast to run, this one
    /// included. A forecast counts a stage downstream of a running one as running, as a dry
    /// run does; it is made again before each stage, so it only shrinks.
    public let count: Int
    /// This stage's wall time in its last successful run under the profile.
    public let recordedSeconds: Double?
    /// The recorded wall times of the stages forecast to run after this one, summed.
    public let laterSeconds: Double
    /// How many of those later stages have no recorded time (so the repro ETA is a lower bound).
    public let laterUnrecorded: Int

    public init(name: String, index: Int = 1, count: Int = 1, recordedSeconds: Double? = nil,
                laterSeconds: Double = 0, laterUnrecorded: Int = 0) {
        self.name = name
        self.index = index
        self.count = count
        self.recordedSeconds = recordedSeconds
        self.laterSeconds = laterSeconds
        self.laterUnrecorded = laterUnrecorded
    }
}

/// The state of a counting stage at one moment.
public struct ProgressSnapshot: Equatable {
    public let done: Int
    /// 0 while the stage has not called `start` (it counts nothing).
    public let total: Int
    public let unit: String
    /// The latest metric the stage reported, e.g. its running mean loss.
    public let metric: ProgressMetric?
    /// Seconds since the stage started.
    public let elapsed: Double
    /// Units per second over this run's work only (a resumed stage's earlier work excluded).
    public let rate: Double?
    /// Seconds until this stage ends, when known.
    public let eta: Double?
    /// Seconds until the whole repro ends, when anything is known.
    public let reproETA: Estimate?
}

public struct ProgressMetric: Equatable {
    public let name: String
    public let value: Double
}

/// A remaining time that may leave out parts nobody has measured yet.
public struct Estimate: Equatable {
    public let seconds: Double
    /// Some remaining stage has no estimate, so the real time is longer: shown as `≥`.
    public let isLowerBound: Bool
}

/// Receives a repro's progress events. Events of one stage arrive one at a time, though not
/// always on the thread that runs the stage (the heartbeat has its own).
public protocol ProgressSink: AnyObject {
    func receive(_ event: ProgressEvent)
}
