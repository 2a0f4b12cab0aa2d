import Foundation

extension Engine {
    /// What the current pipeline.yaml (and experiment, if any) plans for the profile, as lock
    /// entries: the cached record of every instance the cache holds; an instance not computed
    /// yet has its parameters and kind version but an empty key and no outputs. `diff` compares
    /// a revision against this rather than the working tree's pipeline.lock, which may be stale.
    public func plannedLock(profile: String) throws -> PipelineLock {
        let plan = try self.plan(profile: profile)
        var integrity = self.integrity
        defer { integrity.save() }
        var entries: [String: StageRecord] = [:]
        for instance in plan.instances {
            if instance.upstream.allSatisfy({ entries[$0]?.key.isEmpty == false }),
               let record = integrity.intactRecord(key: try cacheKey(of: instance, records: entries), outputs: instance.kind.outputs) {
                entries[instance.name] = record
            } else {
                entries[instance.name] = StageRecord(kind: instance.kind.name, version: instance.kind.version, key: "",
                                                     params: instance.params.values.mapValues(\.json), inputs: [:], outputs: [:])
            }
        }
        return PipelineLock(profiles: [profile: entries])
    }

    /// pipeline.lock at `revision`, with a clear error when the argument is a stage name or a
    /// file rather than a revision.
    public func lock(atRevision revision: String, profile: String) throws -> PipelineLock {
        do { return try PipelineLock.read(revision: revision, root: root) } catch {
            let stage = revision.split(separator: "@").first.map(String.init) ?? revision
            if let spec = try? PipelineLoader.load(pipelineURL, registry: registry), spec.stage(Plan.stageName(of: stage)) != nil {
                throw PipelineError("\(revision) is a stage, not a git revision: diff compares two revisions (toyworld diff HEAD~1), an experiment with its profile (toyworld diff --set ...) or two .h5 files; toyworld show \(revision) shows one stage's artifact", category: .execution)
            }
            throw error
        }
    }
}
