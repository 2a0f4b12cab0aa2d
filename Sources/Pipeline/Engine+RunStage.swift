import Foundation

extension Engine {
    /// `toyworld run-stage`: runs exactly one stage instance whose inputs are already in the
    /// cache and commits its entry (atomic rename). It takes no repro lock and leaves
    /// pipeline.lock and figures/ alone: `repro -j` and cluster jobs run it, and the next
    /// `repro` (which finds the entry cached) records it. Returns the entry's record; an entry
    /// already in the cache is returned without running anything unless `force`.
    @discardableResult
    public func runStage(_ name: String, profile: String, force: Bool = false) throws -> StageRecord {
        let plan = try self.plan(profile: profile)
        guard let instance = plan[name] else { throw plan.missing(name) }
        var integrity = self.integrity
        defer { integrity.save() }
        let records = try cachedRecords(upstreamOf: instance, plan: plan, integrity: &integrity)
        let inputDigests = try digests(of: instance, records: records)
        let key = CacheKey.of(kind: instance.kind, params: instance.params, inputDigests: inputDigests)
        // Two jobs with one key (one computation under two stage names, or one stage sent twice)
        // must not write its entry at once: the later waits for the earlier, then finds it cached.
        try FileManager.default.createDirectory(at: workRoot, withIntermediateDirectories: true)
        let sameComputation = ReproLock(url: workRoot.appendingPathComponent(key + ".lock"))
        try sameComputation.acquire(wait: true) { [log] pid in
            log("\(instance.name): waiting for the same computation\(pid.map { " (pid \($0))" } ?? "") to finish")
        }
        defer { sameComputation.release() }
        if !force, let record = integrity.intactRecord(key: key, outputs: instance.kind.outputs) {
            log("\(instance.name): cached")
            return record
        }
        try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
        let position = StagePosition(name: instance.name, index: 1, count: 1, recordedSeconds: nil, laterSeconds: 0, laterUnrecorded: 0)
        let started = Date()
        let record = try run(instance, position: position, key: key, inputDigests: inputDigests, records: records,
                             git: Git.describe(at: root), integrity: &integrity)
        log("\(instance.name): ran in \(Self.formatSeconds(Date().timeIntervalSince(started)))")
        return record
    }

    /// The cache records of everything upstream of `instance`, which must all be cached intact.
    func cachedRecords(upstreamOf instance: StageInstance, plan: Plan, integrity: inout CacheIntegrity) throws -> [String: StageRecord] {
        var records: [String: StageRecord] = [:]
        for upstream in try plan.selection([instance.name], downstream: false) where upstream.name != instance.name {
            guard let record = integrity.intactRecord(key: try cacheKey(of: upstream, records: records), outputs: upstream.kind.outputs) else {
                throw PipelineError("stage \(instance.name) needs \(upstream.name), which is not in the cache; run toyworld repro \(upstream.name) first", category: .execution)
            }
            records[upstream.name] = record
        }
        return records
    }
}
