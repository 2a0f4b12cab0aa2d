import Foundation

/// The files cache entries publish into the working tree (rendered figures). The entry is the
/// truth: a published file is written only after its entry is committed, and written back
/// whenever the working tree's copy is missing or differs (deleted, edited, left over from a
/// reverted change). Under an experiment, the files of the instances it changes go to
/// figures/exp/<name>/ instead, and the others are left alone: the profile's figures stand.
extension Engine {
    /// The published files of `record`'s outputs whose working-tree bytes differ, with the
    /// bytes they should have.
    func driftedPublished(_ instance: StageInstance, record: StageRecord) throws -> [(path: String, bytes: [UInt8])] {
        var drifted: [(path: String, bytes: [UInt8])] = []
        for output in instance.kind.outputs {
            for file in try sealer.publishedFiles(cache.outputURL(key: record.key, output: output)) {
                guard let path = publishedPath(file.path, of: instance) else { continue }
                let target = try publishedURL(path, stage: instance.name)
                if FileManager.default.contents(atPath: target.path).map({ [UInt8]($0) }) != file.bytes { drifted.append((path, file.bytes)) }
            }
        }
        return drifted
    }

    /// Writes back every drifted published file of the entry; returns their paths.
    @discardableResult
    func restorePublished(_ instance: StageInstance, record: StageRecord) throws -> [String] {
        let drifted = try driftedPublished(instance, record: record)
        for file in drifted {
            let target = try publishedURL(file.path, stage: instance.name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try writeAtomically(Data(file.bytes), to: target)
        }
        return drifted.map(\.path)
    }

    /// Where a file the entry publishes at `path` goes in this run; nil: nowhere.
    private func publishedPath(_ path: String, of instance: StageInstance) -> String? {
        guard let experiment else { return path }
        guard instance.changedByCommandLine else { return nil }
        let figures = "figures/"
        return experiment.figuresFolder + "/" + (path.hasPrefix(figures) ? String(path.dropFirst(figures.count)) : path)
    }

    /// A published path inside the repository; anything that would land outside is refused.
    private func publishedURL(_ path: String, stage: String) throws -> URL {
        let base = root.standardizedFileURL.path
        let target = root.appendingPathComponent(path).standardizedFileURL
        guard !path.hasPrefix("/"), target.path.hasPrefix(base + "/") else {
            throw PipelineError("stage \(stage) publishes \(path), which is outside the repository; refusing to write it", category: .execution)
        }
        return target
    }
}
