/// Why a stage instance must run, phrased against its pipeline.lock entry: what changed since
/// the run the lock records.
enum StalenessReasons {
    static func explain(_ instance: StageInstance, key: String?, inputDigests: [String: [String]]?,
                        locked: StageRecord?, staleUpstream: [String]) -> [String] {
        guard let locked else { return ["new (not in pipeline.lock)"] }
        var reasons: [String] = []
        if locked.kind != instance.kind.name { reasons.append("kind changed \(locked.kind) -> \(instance.kind.name)") }
        if locked.version != instance.kind.version {
            reasons.append("kind version bumped v\(locked.version) -> v\(instance.kind.version)")
        }
        let current = instance.params.values.mapValues(\.json)
        for name in Set(current.keys).union(locked.params.keys).sorted() where current[name] != locked.params[name] {
            reasons.append("parameter \(name) changed \(locked.params[name]?.compact ?? "unset") -> \(current[name]?.compact ?? "unset")")
        }
        if !staleUpstream.isEmpty {
            reasons.append("upstream stale: \(staleUpstream.joined(separator: ", "))")
        } else if let inputDigests {
            for name in Set(inputDigests.keys).union(locked.inputs.keys).sorted() where inputDigests[name] != locked.inputs[name] {
                reasons.append("input \(name) changed")
            }
        }
        if reasons.isEmpty { reasons.append(key == locked.key ? "output missing from cache" : "cache key changed") }
        return reasons
    }
}
