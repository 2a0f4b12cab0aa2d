import Foundation

/// What `toyworld gc` found unreferenced, and would free or freed.
public struct GarbageReport {
    public var entries: [(url: URL, bytes: Int)] = []
    public var workFolders: [(url: URL, bytes: Int)] = []
    public var bytes: Int { (entries + workFolders).reduce(0) { $0 + $1.bytes } }
}

extension Engine {
    /// The cache entries and work folders nothing refers to. Kept: every entry any profile of
    /// the working tree's pipeline.lock, HEAD's, or the last `revisions` committed versions of
    /// it refers to (so `diff` against them still finds its artifacts), every entry a recorded
    /// experiment refers to (`exp remove` forgets one), and the work folders of every stage of
    /// the current pipeline.yaml, profiles and experiments, that has not finished (they resume it). Takes
    /// the repro lock, so no running stage is writing anything it removes; `delete` removes.
    public func collectGarbage(revisions: Int, delete: Bool) throws -> GarbageReport {
        let held = ReproLock(url: dataDirectory.appendingPathComponent("repro.lock"))
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        try held.acquire(wait: false) { _ in }
        defer { held.release() }

        var locks = [try PipelineLock.read(lockURL)]
        if Git.describe(at: root) != nil {
            let commits = ["HEAD"] + (try Git.recentCommits(touching: "pipeline.lock", count: revisions, at: root))
            for commit in commits { if let lock = try? PipelineLock.read(revision: commit, root: root) { locks.append(lock) } }
        }
        var keep = Set(locks.flatMap { $0.profiles.values.flatMap { $0.values.map(\.key) } })
        let spec = try PipelineLoader.load(pipelineURL, registry: registry)
        for profile in spec.profileNames { keep.formUnion(try plannedKeys(profile: profile, experiment: nil)) }
        for recorded in try ExperimentRecord.all(in: dataDirectory) {
            keep.formUnion(recorded.keys.values)
            // An experiment pipeline.yaml no longer accepts keeps what it recorded, and no more.
            if let experiment = try? Experiment(name: recorded.name, assignments: recorded.assignments),
               let keys = try? plannedKeys(profile: recorded.profile, experiment: experiment) { keep.formUnion(keys) }
        }

        var report = GarbageReport()
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: cache.directory.path)) ?? [] where !keep.contains(name) {
            guard !name.contains(".partial-") else { continue }   // removed by the next repro
            let url = cache.directory.appendingPathComponent(name)
            report.entries.append((url, Self.size(of: url)))
        }
        for name in (try? files.contentsOfDirectory(atPath: workRoot.path)) ?? [] where !keep.contains(name) {
            let url = workRoot.appendingPathComponent(name)
            report.workFolders.append((url, Self.size(of: url)))
        }
        if delete { for item in report.entries + report.workFolders { try files.removeItem(at: item.url) } }
        return report
    }

    /// The keys of every instance of the profile whose inputs are known (cached or absent).
    func plannedKeys(profile: String, experiment: Experiment? = nil) throws -> Set<String> {
        let plan = try self.plan(profile: profile, experiment: experiment)
        var records: [String: StageRecord] = [:], keys = Set<String>()
        for instance in plan.instances where instance.upstream.allSatisfy({ records[$0] != nil }) {
            let key = try cacheKey(of: instance, records: records)
            keys.insert(key)
            if let record = cache.completedRecord(key: key, outputs: instance.kind.outputs) { records[instance.name] = record }
        }
        return keys
    }

    static func size(of url: URL) -> Int {
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        var total = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        for case let file as URL in walker { total += (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        return total
    }
}
