/// One concrete stage to run: a stage of pipeline.yaml with the profile applied and, for a
/// fan-out stage, one combination of its `foreach` values.
public struct StageInstance {
    /// `coop` or, for a fan-out instance, `coop[seed=3]`.
    public let name: String
    public let stage: StageSpec
    public let params: Parameters
    /// Inputs in the order written under `needs`.
    public let inputs: [InstanceInput]
    /// A `--set` override gives it (or a stage upstream of it) another value than the profile
    /// does: its artifacts are the experiment's, not the profile's.
    public let changedByCommandLine: Bool

    public var kind: StageKind.Type { stage.kind }
    public var upstream: [String] {
        var seen = Set<String>()
        return inputs.flatMap { $0.artifacts.map(\.instance) }.filter { seen.insert($0).inserted }
    }
}

public struct InstanceInput {
    public let name: String
    public let artifacts: [ArtifactRef]
}

/// One output of one stage instance.
public struct ArtifactRef: Hashable, CustomStringConvertible {
    public let instance: String
    public let output: String
    public var description: String { instance + "@" + output }
}

/// The stage instances of a pipeline for one profile, in a deterministic topological order:
/// a stage comes as early as its inputs allow, ties broken by pipeline.yaml order. Building
/// one checks every instance's parameters against its kind's ranges and rules, then the
/// requirements of its inputs against the instances connected to them.
public struct Plan {
    public let spec: PipelineSpec
    public let profile: String
    /// `--set` overrides, applied after the profile's.
    public let commandLine: [ProfileOverride]
    public let instances: [StageInstance]
    private let indexByName: [String: Int]

    public init(_ spec: PipelineSpec, profile: String, commandLine: [ProfileOverride] = []) throws {
        self.spec = spec
        self.profile = profile
        self.commandLine = commandLine
        let overridesByStage = Dictionary(grouping: try Plan.overrides(spec, profile: profile), by: \.stage)
        let commandLineByStage = Dictionary(grouping: commandLine, by: \.stage)
        var instances: [StageInstance] = []
        var instanceNames: [String: [String]] = [:]
        var originsByInstance: [String: [String: ParamOrigin]] = [:]
        var changed = Set<String>()
        for stage in Plan.topologicalStages(spec) where stage.belongs(to: profile) {
            for combination in Plan.combinations(stage.foreach) {
                var values: [String: ParamValue] = [:]
                var origins: [String: ParamOrigin] = [:]
                func set(_ name: String, _ value: ParamValue, _ source: ParamOrigin.Source, line: Int) {
                    values[name] = value
                    origins[name] = ParamOrigin(source: source, line: line)
                }
                for param in stage.kind.parameters {
                    if let v = param.defaultValue { set(param.name, param.normalized(v), .kindDefault, line: stage.line) }
                    if param.isActiveProfile { set(param.name, .string(profile), .kindDefault, line: stage.line) }
                }
                for (name, located) in stage.params { set(name, located.value, .stageParams, line: located.line) }
                for o in overridesByStage[stage.name] ?? [] { set(o.param, o.value, .profile, line: o.line) }
                let assigned = commandLineByStage[stage.name] ?? []
                let profileValues = assigned.map { values[$0.param] }
                for o in assigned { set(o.param, o.value, .commandLine, line: 0) }
                let setDifferently = zip(assigned, profileValues).contains { values[$0.param] != $1 }
                for choice in combination { set(choice.param, choice.value, .fanOut, line: choice.line) }
                // A stage outside this profile drops out of a list input, and an optional input fed
                // only by such stages drops out whole (the loader checked the rest).
                let inputs = stage.needs.map { need in
                    InstanceInput(name: need.input, artifacts: need.refs.flatMap { ref -> [ArtifactRef] in
                        let producer = spec.stage(ref.stage)!
                        let output = ref.output ?? producer.kind.outputs[0]
                        return (instanceNames[ref.stage] ?? []).map { ArtifactRef(instance: $0, output: output) }
                    })
                }.filter { !$0.artifacts.isEmpty }
                let name = combination.isEmpty ? stage.name
                    : stage.name + "[" + combination.map { "\($0.param)=\($0.value.label)" }.joined(separator: ",") + "]"
                let params = Parameters(values)
                try ParameterChecks.check(instance: name, stage: stage, params: params, origins: origins,
                                          profile: profile, file: spec.file)
                let isChanged = setDifferently || inputs.contains { $0.artifacts.contains { changed.contains($0.instance) } }
                if isChanged { changed.insert(name) }
                instances.append(StageInstance(name: name, stage: stage, params: params, inputs: inputs, changedByCommandLine: isChanged))
                instanceNames[stage.name, default: []].append(name)
                originsByInstance[name] = origins
            }
        }
        let indexByName = Dictionary(uniqueKeysWithValues: instances.enumerated().map { ($1.name, $0) })
        // Requirements between stages (a restart point the source must keep), now that every
        // producer's parameters are final.
        for instance in instances {
            try ParameterChecks.checkInputs(of: instance, producers: { indexByName[$0].map { instances[$0] } },
                                            origins: originsByInstance[instance.name] ?? [:], profile: profile, file: spec.file)
        }
        self.instances = instances
        self.indexByName = indexByName
    }

    public subscript(name: String) -> StageInstance? { indexByName[name].map { instances[$0] } }

    /// The instances `targets` name (stage names, and globs over them, stand for all their
    /// fan-out instances) with
    /// everything upstream of them and, with `downstream`, everything that consumes them;
    /// all instances when `targets` is empty. Topological order.
    public func selection(_ targets: [String], downstream: Bool) throws -> [StageInstance] {
        if targets.isEmpty { return instances }
        var chosen = Set<String>()
        for target in targets {
            let glob = StageGlob.isPattern(target)
            let matches = instances.filter {
                $0.name == target || $0.stage.name == target || glob && StageGlob.matches(target, $0.stage.name)
            }
            guard !matches.isEmpty else {
                if !glob || spec.stage(Plan.stageName(of: target)) != nil { throw missing(target) }
                let inProfile = spec.stages.filter { $0.belongs(to: profile) }.map(\.name).joined(separator: ", ")
                throw PipelineError("\(target) matches no stage of profile \(profile) (stages: \(inProfile))", file: spec.file)
            }
            chosen.formUnion(matches.map(\.name))
        }
        if downstream {
            for instance in instances where instance.upstream.contains(where: chosen.contains) { chosen.insert(instance.name) }
        }
        for instance in instances.reversed() where chosen.contains(instance.name) { chosen.formUnion(instance.upstream) }
        return instances.filter { chosen.contains($0.name) }
    }

    /// Why `name` is no instance of this plan: a stage that fans out (name one instance), a stage
    /// of other profiles, or no stage at all. For the commands that take one instance by name.
    public func missing(_ name: String) -> PipelineError {
        let stageName = Plan.stageName(of: name)
        let instances = instances.filter { $0.stage.name == stageName }.map(\.name)
        if stageName == name, !instances.isEmpty {
            return PipelineError("stage \(name) fans out into \(instances.count) instances; name one, e.g. \(instances.prefix(3).joined(separator: ", "))",
                                 category: .execution)
        }
        if let stage = spec.stage(stageName), !stage.belongs(to: profile) {
            return PipelineError("stage \(stageName) is not in profile \(profile) (\(stage.profilesNote)); choose one with --profile",
                                 file: spec.file, line: stage.profiles?.line)
        }
        let what = spec.stage(stageName) == nil ? "unknown stage \(stageName)" : "stage \(stageName) has no instance \(name)"
        return PipelineError("\(what) (toyworld dag --profile \(profile) lists the stage instances)", category: .execution)
    }

    /// The stage an instance name belongs to: `coop` for `coop[seed=3]`.
    public static func stageName(of instance: String) -> String {
        instance.firstIndex(of: "[").map { String(instance[..<$0]) } ?? instance
    }

    /// Checks the profile name first, so that a misspelt profile is reported as such.
    static func overrides(_ spec: PipelineSpec, profile: String) throws -> [ProfileOverride] {
        if let overrides = spec.profiles[profile] { return overrides }
        if profile == "default" { return [] }
        throw PipelineError("unknown profile \(profile) (profiles: \(spec.profileNames.joined(separator: ", ")))", file: spec.file, line: spec.profilesLine)
    }

    /// Kahn's algorithm, always taking the ready stage that comes first in pipeline.yaml: the
    /// order "as early as its inputs allow, ties by file order", in O(n log n).
    private static func topologicalStages(_ spec: PipelineSpec) -> [StageSpec] {
        let n = spec.stages.count
        var waitingOn = [Int](repeating: 0, count: n)
        var consumers = [[Int]](repeating: [], count: n)
        for (i, stage) in spec.stages.enumerated() {
            let producers = Set(stage.needs.flatMap { $0.refs.map { spec.indexByName[$0.stage]! } })
            waitingOn[i] = producers.count
            for p in producers { consumers[p].append(i) }
        }
        var ready = MinHeap((0..<n).filter { waitingOn[$0] == 0 })
        var order: [StageSpec] = []
        order.reserveCapacity(n)
        while let next = ready.popMin() {
            order.append(spec.stages[next])
            for c in consumers[next] {
                waitingOn[c] -= 1
                if waitingOn[c] == 0 { ready.insert(c) }
            }
        }
        return order
    }

    /// Every choice of one value per axis, first axis outermost, each value with its line.
    private static func combinations(_ axes: [FanOutAxis]) -> [[(param: String, value: ParamValue, line: Int)]] {
        axes.reduce([[]]) { partial, axis in
            partial.flatMap { prefix in zip(axis.values, axis.valueLines).map { prefix + [(axis.param, $0, $1)] } }
        }
    }
}

extension ParamSpec {
    /// A declared default in the form a pipeline.yaml value of this type takes (an int default
    /// of a double parameter becomes a double), so both hash alike.
    func normalized(_ value: ParamValue) -> ParamValue {
        switch (type, value) {
        case (.double, .int(let v)): return .double(Double(v))
        case (.doubleList, .list(let xs)): return .list(xs.map { if case .int(let v) = $0 { return .double(Double(v)) }; return $0 })
        default: return value
        }
    }
}

extension ParamValue {
    /// How a fan-out value appears in an instance name: strings bare, everything else as JSON.
    var label: String { if case .string(let s) = self { return s }; return canonicalJSON }
}
