import Foundation

/// pipeline.lock: per profile, per stage instance, the record of its last run. Committed by
/// users, so it is rendered deterministically (sorted keys, 2-space indent, trailing newline).
public struct PipelineLock: Equatable {
    public var profiles: [String: [String: StageRecord]]

    public init(profiles: [String: [String: StageRecord]] = [:]) { self.profiles = profiles }

    public init(data: Data, file: String = "pipeline.lock") throws {
        let json = try JSONValue.parse(data, file: file)
        guard json["version"]?.intValue == 1, let profiles = json["profiles"]?.objectValue else {
            throw PipelineError("expected {\"version\": 1, \"profiles\": {...}}", file: file, category: .execution)
        }
        var parsed: [String: [String: StageRecord]] = [:]
        for (profile, stages) in profiles {
            guard let stages = stages.objectValue else { throw PipelineError("profile \(profile) is not an object", file: file, category: .execution) }
            parsed[profile] = try stages.mapValues {
                guard let record = StageRecord(json: $0) else {
                    throw PipelineError("profile \(profile) has a malformed stage entry", file: file, category: .execution)
                }
                return record
            }
        }
        self.profiles = parsed
    }

    /// The lock at `url`, or an empty one when the file does not exist yet.
    public static func read(_ url: URL) throws -> PipelineLock {
        guard let data = FileManager.default.contents(atPath: url.path) else { return PipelineLock() }
        return try PipelineLock(data: data, file: url.lastPathComponent)
    }

    var document: JSONValue {
        .object(["version": .int(1), "profiles": .object(profiles.mapValues { .object($0.mapValues(\.json)) })])
    }

    public var rendered: String { document.pretty }

    /// Replaces the file atomically and only when the content changes, so a no-op repro leaves
    /// the file and its timestamp alone. Refuses a lock that could not be read back.
    public func write(to url: URL) throws {
        if let path = document.nonFinitePath {
            throw PipelineError("refusing to write a non-finite number at \(path): JSON cannot hold it", file: url.lastPathComponent,
                                category: .execution)
        }
        let data = Data(rendered.utf8)
        if let existing = FileManager.default.contents(atPath: url.path), existing == data { return }
        try writeAtomically(data, to: url)
    }
}
