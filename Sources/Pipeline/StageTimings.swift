import Foundation

/// data/timings.json: each stage instance's wall time in its last successful run, per profile,
/// which the repro ETA adds up for the stages still to come. A measurement of this machine, so
/// it lives in the git-ignored data/ and is never committed; a missing or unreadable file only
/// means no estimates yet.
struct StageTimings {
    let url: URL
    private var seconds: [String: [String: Double]]

    init(url: URL) {
        self.url = url
        let json = FileManager.default.contents(atPath: url.path).flatMap { try? JSONValue.parse($0, file: url.path) }
        seconds = (json?.objectValue ?? [:]).mapValues { stages in
            (stages.objectValue ?? [:]).compactMapValues { value in
                switch value {
                case .double(let s): return s
                case .int(let s): return Double(s)
                default: return nil
                }
            }
        }
    }

    subscript(profile: String, stage: String) -> Double? { seconds[profile]?[stage] }

    /// Records a successful run and writes the file at once, so that a repro killed later keeps
    /// the times of the stages it finished.
    mutating func record(_ wallSeconds: Double, profile: String, stage: String) throws {
        seconds[profile, default: [:]][stage] = wallSeconds
        let json = JSONValue.object(seconds.mapValues { .object($0.mapValues(JSONValue.double)) })
        try writeAtomically(Data(json.pretty.utf8), to: url)
    }
}
