/// How two pipeline.lock versions differ for one profile, stage by stage.
public struct LockDiff {
    public enum Change: Equatable {
        case added(String)
        case removed(String)
        case parameter(stage: String, name: String, from: String, to: String)
        case kindVersion(stage: String, from: Int, to: Int)
        /// Same output name, different content digest: the files may be compared numerically.
        case output(stage: String, output: String, from: String, to: String)
    }

    public let changes: [Change]
    public var isEmpty: Bool { changes.isEmpty }
    /// Stages added or removed, kind versions and parameters: the causes, reported first.
    public var settingChanges: [Change] { changes.filter { if case .output = $0 { return false }; return true } }
    public var outputChanges: [Change] { changes.filter { if case .output = $0 { return true }; return false } }

    /// `order`: stage instances in the order to report them (the plan's topological order,
    /// causes before effects); stages it does not list follow by name.
    public init(_ a: PipelineLock, _ b: PipelineLock, profile: String, order: [String] = []) {
        let before = a.profiles[profile] ?? [:], after = b.profiles[profile] ?? [:]
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let stages = Set(before.keys).union(after.keys).sorted { x, y in
            (rank[x] ?? Int.max, x) < (rank[y] ?? Int.max, y)
        }
        var changes: [Change] = []
        for stage in stages {
            guard let old = before[stage] else { changes.append(.added(stage)); continue }
            guard let new = after[stage] else { changes.append(.removed(stage)); continue }
            if old.version != new.version { changes.append(.kindVersion(stage: stage, from: old.version, to: new.version)) }
            for name in Set(old.params.keys).union(new.params.keys).sorted() where old.params[name] != new.params[name] {
                changes.append(.parameter(stage: stage, name: name, from: old.params[name]?.compact ?? "unset",
                                          to: new.params[name]?.compact ?? "unset"))
            }
            for output in Set(old.outputs.keys).union(new.outputs.keys).sorted() where old.outputs[output] != new.outputs[output] {
                changes.append(.output(stage: stage, output: output, from: old.outputs[output] ?? "none", to: new.outputs[output] ?? "none"))
            }
        }
        self.changes = changes
    }

    public static func describe(_ change: Change) -> String {
        switch change {
        case .added(let stage): return "\(stage): only in the second revision"
        case .removed(let stage): return "\(stage): only in the first revision"
        case let .parameter(stage, name, from, to): return "\(stage): parameter \(name) \(from) -> \(to)"
        case let .kindVersion(stage, from, to): return "\(stage): kind version v\(from) -> v\(to)"
        case let .output(stage, output, from, to) where to == "none":
            return "\(stage)@\(output): digest \(from.prefix(12)) -> not computed yet (toyworld repro \(stage) computes it)"
        case let .output(stage, output, from, to):
            return "\(stage)@\(output): digest \(from.prefix(12)) -> \(to.prefix(12))"
        }
    }
}
