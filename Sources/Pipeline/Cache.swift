import Artifacts
import Foundation

/// data/cache: one directory per cache key holding `<output>.h5` files and `manifest.json`.
/// An entry counts only when its manifest and every output exist. Running stages write into
/// `<key>.partial-<host>-<pid>/`, which is renamed into place only once complete, so a killed
/// run never leaves an entry that looks finished.
public struct Cache {
    public static let manifestName = "manifest.json"
    public let directory: URL
    private let files = FileManager.default

    public init(directory: URL) { self.directory = directory }

    public func entryDirectory(_ key: String) -> URL { directory.appendingPathComponent(key, isDirectory: true) }

    /// The file an output is written to inside an entry (or its partial folder).
    public static func outputFileName(_ output: String) -> String { output + ".h5" }

    public func outputURL(key: String, output: String) -> URL {
        entryDirectory(key).appendingPathComponent(Self.outputFileName(output))
    }

    /// The manifest of a complete entry, or nil. Reads one small JSON file and stats the
    /// outputs: never hashes an artifact.
    public func completedRecord(key: String, outputs: [String]) -> StageRecord? {
        let manifest = entryDirectory(key).appendingPathComponent(Cache.manifestName)
        guard let data = try? Data(contentsOf: manifest), let json = try? JSONValue.parse(data, file: manifest.path),
              let record = StageRecord(json: json), record.key == key,
              outputs.allSatisfy({ record.outputs[$0] != nil && files.fileExists(atPath: outputURL(key: key, output: $0).path) })
        else { return nil }
        return record
    }

    public func partialDirectory(_ key: String) -> URL {
        directory.appendingPathComponent("\(key).partial-\(Self.host)-\(getpid())", isDirectory: true)
    }

    static let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"

    /// Removes the partial directories of killed runs on this host: those whose process is gone
    /// (a `run-stage` started by `-j` or by a batch job on this host may still be writing its
    /// own). Partials of other hosts are left to the runs there.
    public func removeStalePartials() {
        guard let names = try? files.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names {
            guard let range = name.range(of: ".partial-") else { continue }
            let owner = name[range.upperBound...]
            if owner == "corrupt" { try? files.removeItem(at: directory.appendingPathComponent(name)); continue }
            let pidText = owner.split(separator: "-").last.map(String.init) ?? ""
            let host = owner.dropLast(pidText.count + 1)
            guard host.isEmpty || host == Self.host else { continue }
            if let pid = Int32(pidText), pid > 0, kill(pid, 0) == 0 || errno == EPERM { continue }
            try? files.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Writes the manifest into a finished partial directory, flushes everything to disk and
    /// renames the directory into place, replacing any older entry of the same key. The
    /// manifest records the length and SHA-256 of every file (`files`), which are returned.
    @discardableResult
    public func commit(partial: URL, record: StageRecord, stage: String) throws -> [String: (bytes: Int, sha256: String)] {
        let hashes = try self.hashes(ofEntry: partial)
        var manifest = record.json
        if case .object(var fields) = manifest {
            fields["stage"] = .string(stage)
            fields["files"] = Cache.filesField(hashes)
            manifest = .object(fields)
        }
        let manifestURL = partial.appendingPathComponent(Cache.manifestName)
        if let path = manifest.nonFinitePath {
            throw PipelineError("stage \(stage): refusing to write a non-finite number at \(path) into its manifest", category: .execution)
        }
        try Data(manifest.pretty.utf8).write(to: manifestURL)
        for name in try files.contentsOfDirectory(atPath: partial.path) {
            try DurableFile.sync(partial.appendingPathComponent(name))
        }
        try DurableFile.sync(partial)
        let destination = entryDirectory(record.key)
        // An older entry of the key (a forced rerun, or another process that committed the
        // same key first: same inputs, same bytes) is renamed aside, never deleted in place,
        // so a reader finds the old entry, no entry, or the new one, never a mix.
        while rename(partial.path, destination.path) != 0 {
            guard errno == ENOTEMPTY || errno == EEXIST else {
                throw PipelineError("cannot move \(partial.path) to \(destination.path): \(String(cString: strerror(errno)))", category: .execution)
            }
            let aside = partial.path + "-replaced"
            if rename(destination.path, aside) == 0 { try? files.removeItem(atPath: aside) }
        }
        try DurableFile.sync(directory)
        return hashes
    }

    /// Length and SHA-256 of every file of an entry directory but its manifest.
    func hashes(ofEntry directory: URL) throws -> [String: (bytes: Int, sha256: String)] {
        var hashes: [String: (bytes: Int, sha256: String)] = [:]
        for name in try files.contentsOfDirectory(atPath: directory.path) where name != Cache.manifestName {
            let hash = try SHA256.ofFile(directory.appendingPathComponent(name))
            hashes[name] = (hash.bytes, hash.hex)
        }
        return hashes
    }

    /// The manifest's `files` field.
    static func filesField(_ hashes: [String: (bytes: Int, sha256: String)]) -> JSONValue {
        .object(hashes.mapValues { .object(["bytes": .int($0.bytes), "sha256": .string($0.sha256)]) })
    }

    /// Removes an entry found corrupt: renamed aside first, so that it never counts as an
    /// entry again even if the deletion is interrupted.
    public func discard(_ key: String) {
        let aside = directory.appendingPathComponent("\(key).partial-corrupt")
        try? files.removeItem(at: aside)
        if rename(entryDirectory(key).path, aside.path) == 0 { try? files.removeItem(at: aside) }
    }
}
