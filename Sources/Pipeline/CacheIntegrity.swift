import Artifacts
import Foundation

/// Whether a cache entry still holds the bytes it was committed with.
///
/// At commit the manifest records every output file's length and SHA-256 of its whole bytes
/// (`files`), which — unlike the content digest — covers `/provenance` and HDF5's own metadata
/// too. Re-hashing every artifact on every `status` would be slow, so a local index
/// (`data/cache-index.json`, never shared) remembers each file's length and modification time
/// when it was last found intact, as git's index does: a file whose length or time differs is
/// hashed again. A stage hashes its inputs in full before reading them, and `toyworld verify`
/// hashes everything.
public struct CacheIntegrity {
    public let cache: Cache
    let indexURL: URL
    private var index: [String: JSONValue]
    private var indexChanged = false

    public init(cache: Cache, indexURL: URL) {
        self.cache = cache
        self.indexURL = indexURL
        let data = FileManager.default.contents(atPath: indexURL.path)
        index = data.flatMap { try? JSONValue.parse($0, file: indexURL.path).objectValue } ?? [:]
    }

    /// The recorded length and hash of each file of an entry, from its manifest. An entry
    /// committed before manifests recorded them is adopted: its files are hashed now and the
    /// hashes added to its manifest, so it is checked from then on.
    public func recorded(key: String) -> [String: (bytes: Int, sha256: String)] {
        let manifest = cache.entryDirectory(key).appendingPathComponent(Cache.manifestName)
        guard let data = FileManager.default.contents(atPath: manifest.path),
              case .object(var fields)? = try? JSONValue.parse(data, file: manifest.path) else { return [:] }
        guard let files = fields["files"]?.objectValue else {
            guard let hashes = try? cache.hashes(ofEntry: cache.entryDirectory(key)) else { return [:] }
            fields["files"] = Cache.filesField(hashes)
            try? writeAtomically(Data(JSONValue.object(fields).pretty.utf8), to: manifest)
            return hashes
        }
        return files.compactMapValues { value in
            guard let bytes = value["bytes"]?.intValue, let hash = value["sha256"]?.stringValue else { return nil }
            return (bytes, hash)
        }
    }

    /// Why the outputs of an entry cannot be trusted, or nil when they can. `deep` hashes every
    /// file; otherwise only those whose length or time changed since they were last verified.
    public mutating func problem(key: String, outputs: [String], deep: Bool) -> String? {
        let recorded = recorded(key: key)
        for output in outputs {
            let name = Cache.outputFileName(output), url = cache.outputURL(key: key, output: output)
            guard let expected = recorded[name] else { return "\(url.path) has no recorded hash in its manifest" }
            guard let stat = Self.stat(url) else { return "\(url.path) is not a regular file" }
            if stat.bytes != expected.bytes { return "\(url.path) has \(stat.bytes) bytes, \(expected.bytes) were written" }
            let entry = key + "/" + name
            if !deep, index[entry] == Self.fingerprint(stat, expected.sha256) { continue }
            guard let actual = try? SHA256.ofFile(url), actual.hex == expected.sha256 else {
                return "\(url.path) does not match the SHA-256 recorded when it was written"
            }
            index[entry] = Self.fingerprint(stat, expected.sha256)
            indexChanged = true
        }
        return nil
    }

    /// The record of `key`'s entry when it is complete and its outputs intact (checked as
    /// `problem` does without `deep`), else nil.
    public mutating func intactRecord(key: String, outputs: [String]) -> StageRecord? {
        guard let record = cache.completedRecord(key: key, outputs: outputs), problem(key: key, outputs: outputs, deep: false) == nil else { return nil }
        return record
    }

    /// Remembers files just committed as intact.
    public mutating func remember(key: String, files: [String: (bytes: Int, sha256: String)]) {
        for (name, recorded) in files {
            guard let stat = Self.stat(cache.entryDirectory(key).appendingPathComponent(name)) else { continue }
            index[key + "/" + name] = Self.fingerprint(stat, recorded.sha256)
            indexChanged = true
        }
    }

    /// Writes the index back if it changed (best effort: it only saves hashing next time).
    public mutating func save() {
        guard indexChanged else { return }
        try? writeAtomically(Data(JSONValue.object(index).pretty.utf8), to: indexURL)
        indexChanged = false
    }

    static func stat(_ url: URL) -> (bytes: Int, modified: Int)? {
        var s = Foundation.stat()
        guard lstat(url.path, &s) == 0, (s.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int(s.st_size), Int(s.st_mtim.tv_sec) * 1_000_000_000 + Int(s.st_mtim.tv_nsec))
    }

    static func fingerprint(_ stat: (bytes: Int, modified: Int), _ sha256: String) -> JSONValue {
        .object(["bytes": .int(stat.bytes), "modified_ns": .int(stat.modified), "sha256": .string(sha256)])
    }
}
