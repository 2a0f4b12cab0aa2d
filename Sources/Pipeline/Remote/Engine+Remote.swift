import Artifacts
import Foundation

public struct TransferSummary {
    public var copied: [String] = []
    /// Already there.
    public var present: [String] = []
    /// Pull: not on the remote (repro computes them).
    public var missing: [String] = []
}

extension Engine {
    /// The lock's entries for `profile`, limited to `stages` and what they need when given.
    func lockedEntries(profile: String, stages: [String]) throws -> [(name: String, record: StageRecord)] {
        let locked = try PipelineLock.read(lockURL).profiles[profile] ?? [:]
        let names = stages.isEmpty ? Set(locked.keys) : Set(try plan(profile: profile).selection(stages, downstream: false).map(\.name))
        return locked.filter { names.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `toyworld push`: copies the cache entries pipeline.lock records for the profile (files,
    /// then the manifest) to the remote; entries it already holds are skipped.
    public func push(profile: String, stages: [String], to spec: RemoteSpec) throws -> TransferSummary {
        let remote = try spec.store()
        guard remote.writable else {
            throw PipelineError("remote \(remote.description) is read-only over HTTP: push to a directory and serve that", category: .execution)
        }
        var summary = TransferSummary()
        var integrity = self.integrity
        defer { integrity.save() }
        for (name, record) in try lockedEntries(profile: profile, stages: stages) {
            let manifest = remote.path(key: record.key, file: Cache.manifestName)
            if try remote.has(manifest) { summary.present.append(name); continue }
            let outputs = Array(record.outputs.keys)
            guard cache.completedRecord(key: record.key, outputs: outputs) != nil else {
                throw PipelineError("stage \(name): its entry \(record.key) is not in the local cache; run toyworld repro \(name) (or pull it) before pushing", category: .execution)
            }
            if let problem = integrity.problem(key: record.key, outputs: outputs, deep: true) {
                throw PipelineError("stage \(name): refusing to push a corrupt entry: \(problem)", category: .execution)
            }
            let entry = cache.entryDirectory(record.key)
            for file in try FileManager.default.contentsOfDirectory(atPath: entry.path).sorted() where file != Cache.manifestName {
                try remote.put(entry.appendingPathComponent(file), as: remote.path(key: record.key, file: file))
            }
            try remote.put(entry.appendingPathComponent(Cache.manifestName), as: manifest)
            summary.copied.append(name)
            log("\(name): pushed \(record.key.prefix(12)) to \(remote.description)")
        }
        return summary
    }

    /// `toyworld pull`: copies into the local cache the entries pipeline.lock records for the
    /// profile that the cache lacks, checking every file against the SHA-256 its manifest
    /// records and every output against the content digest pipeline.lock records before the
    /// entry is committed; an entry the remote lacks is left for `repro`.
    public func pull(profile: String, stages: [String], from spec: RemoteSpec) throws -> TransferSummary {
        let remote = try spec.store()
        var summary = TransferSummary()
        var integrity = self.integrity
        defer { integrity.save() }
        try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
        for (name, record) in try lockedEntries(profile: profile, stages: stages) {
            let outputs = Array(record.outputs.keys)
            if integrity.intactRecord(key: record.key, outputs: outputs) != nil { summary.present.append(name); continue }
            let partial = cache.partialDirectory(record.key)
            try? FileManager.default.removeItem(at: partial)
            try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: partial) }
            let manifestURL = partial.appendingPathComponent(Cache.manifestName)
            guard try remote.fetch(remote.path(key: record.key, file: Cache.manifestName), to: manifestURL) else {
                summary.missing.append(name); continue
            }
            let json = try JSONValue.parse(try Data(contentsOf: manifestURL), file: "\(remote.description): \(record.key)")
            guard let fetched = StageRecord(json: json), fetched.key == record.key, fetched.outputs == record.outputs,
                  let files = json["files"]?.objectValue, outputs.allSatisfy({ files[Cache.outputFileName($0)] != nil }) else {
                throw PipelineError("stage \(name): the remote's manifest of \(record.key) does not describe the entry pipeline.lock records", category: .execution)
            }
            if let unsafe = files.keys.sorted().first(where: { !isPlainFileName($0) }) {
                throw PipelineError("stage \(name): the remote's manifest of \(record.key) names a file \"\(unsafe)\" outside its entry; not pulled", category: .execution)
            }
            for (file, expected) in files.sorted(by: { $0.key < $1.key }) {
                let local = partial.appendingPathComponent(file)
                guard try remote.fetch(remote.path(key: record.key, file: file), to: local) else {
                    throw PipelineError("stage \(name): the remote lacks \(file) of entry \(record.key)", category: .execution)
                }
                let actual = try SHA256.ofFile(local)
                guard actual.hex == expected["sha256"]?.stringValue, actual.bytes == expected["bytes"]?.intValue else {
                    throw PipelineError("stage \(name): \(file) from \(remote.description) does not match the SHA-256 its manifest records; not pulled", category: .execution)
                }
            }
            // The manifest came from the remote too: the lock's content digests are the check
            // that the remote cannot forge along with the files.
            for output in outputs.sorted() {
                let file = Cache.outputFileName(output)
                guard try sealer.digest(partial.appendingPathComponent(file)) == record.outputs[output] else {
                    throw PipelineError("stage \(name): \(file) from \(remote.description) does not have the content digest pipeline.lock records; not pulled", category: .execution)
                }
            }
            try FileManager.default.removeItem(at: manifestURL)
            integrity.remember(key: record.key, files: try cache.commit(partial: partial, record: fetched, stage: name))
            summary.copied.append(name)
            log("\(name): pulled \(record.key.prefix(12)) from \(remote.description)")
        }
        return summary
    }
}
