import Foundation

/// One cache entry pipeline.lock refers to, as `toyworld verify` found it.
public struct VerifiedEntry {
    public let stage: String
    public let key: String
    public enum State: Equatable { case intact, missing, corrupt(String) }
    public let state: State
}

extension Engine {
    /// Hashes every output of every cache entry the lock records for `profile` and compares it
    /// with the hash recorded when the entry was written. Entries not in the local cache are
    /// reported as missing (a fresh clone has none).
    public func verify(profile: String) throws -> [VerifiedEntry] {
        _ = try plan(profile: profile)
        guard let entries = try PipelineLock.read(lockURL).profiles[profile] else { return [] }
        var integrity = self.integrity
        defer { integrity.save() }
        return entries.keys.sorted().map { stage in
            let record = entries[stage]!
            let outputs = record.outputs.keys.sorted()
            guard cache.completedRecord(key: record.key, outputs: outputs) != nil else {
                return VerifiedEntry(stage: stage, key: record.key, state: .missing)
            }
            let problem = integrity.problem(key: record.key, outputs: outputs, deep: true)
            return VerifiedEntry(stage: stage, key: record.key, state: problem.map { .corrupt($0) } ?? .intact)
        }
    }
}
