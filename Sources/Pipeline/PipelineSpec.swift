/// pipeline.yaml as written, after type checking: stages in file order, their parameters,
/// inputs and fan-out, and the profiles' overrides. Line numbers are kept for error messages.
public struct PipelineSpec {
    public let file: String
    public let stages: [StageSpec]
    public let profiles: [String: [ProfileOverride]]
    /// Line of the `profiles:` key (or 1), for errors about a profile that does not exist.
    public let profilesLine: Int
    /// Named sets of targets (`paper-000: ["fig0*", "fig1*"]`) for `repro --group`.
    public let groups: [String: [String]]
    /// Position of each stage in `stages`, so that look-ups by name keep loading linear.
    public let indexByName: [String: Int]

    public init(file: String, stages: [StageSpec], profiles: [String: [ProfileOverride]], profilesLine: Int,
                groups: [String: [String]] = [:]) {
        self.file = file
        self.stages = stages
        self.profiles = profiles
        self.profilesLine = profilesLine
        self.groups = groups
        indexByName = Dictionary(stages.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func stage(_ name: String) -> StageSpec? { indexByName[name].map { stages[$0] } }

    /// Every profile a run may name: those under `profiles:` and `default`.
    public var profileNames: [String] { Set(profiles.keys).union(["default"]).sorted() }

    /// The targets of group `name` that name stages of `profile`: an entry whose stages all
    /// belong to other profiles drops out, as a grid's cells do.
    public func targets(ofGroup name: String, profile: String) throws -> [String] {
        guard let targets = groups[name] else {
            throw PipelineError("unknown group \(name) (groups: \(groups.isEmpty ? "none; define them under groups: in pipeline.yaml" : groups.keys.sorted().joined(separator: ", ")))", file: file)
        }
        let held = targets.filter { target in stages.contains { $0.belongs(to: profile) && $0.isNamed(by: target) } }
        guard !held.isEmpty else { throw PipelineError("group \(name) names no stage of profile \(profile)", file: file) }
        return held
    }
}

public struct StageSpec {
    public let name: String
    public let line: Int
    public let kind: StageKind.Type
    /// Explicit parameters (over the kind's defaults), by name, with the line each is set on.
    public let params: [String: Located<ParamValue>]
    /// Inputs in the order written under `needs`.
    public let needs: [NeedSpec]
    /// Fan-out axes in the order written under `foreach`: one instance per combination.
    public let foreach: [FanOutAxis]
    /// The `slurm:` block: resources a batch job of this stage asks for beyond its kind's.
    public var resources = JobResourceOverrides()
    /// The `profiles:` key: the only profiles whose plans hold this stage (nil: every profile).
    public var profiles: Located<[String]>?

    public var fansOut: Bool { !foreach.isEmpty }

    public func belongs(to profile: String) -> Bool { profiles?.value.contains(profile) ?? true }

    /// Whether a group entry (a stage name or a glob) names this stage.
    func isNamed(by target: String) -> Bool { name == target || StageGlob.matches(target, name) }

    /// `its profiles: paper`, for errors about a stage that a profile does not hold.
    public var profilesNote: String { "its profiles: \(profiles?.value.joined(separator: ", ") ?? "all")" }
}

/// One `foreach` axis: a parameter and the values the stage fans out over.
public struct FanOutAxis {
    public let param: String
    public let values: [ParamValue]
    /// The line of each value (the axis' line for a flow list), for errors about one instance.
    public let valueLines: [Int]
}

public struct NeedSpec {
    public let input: String
    public let refs: [InputRef]
    public let line: Int
}

/// `stage`, `stage@output`, `stage[*]` or `stage[*]@output`.
public struct InputRef: Equatable {
    public let stage: String
    public let output: String?
    public let allInstances: Bool

    public init(stage: String, output: String?, allInstances: Bool) {
        self.stage = stage
        self.output = output
        self.allInstances = allInstances
    }

    init?(parsing text: String) {
        var rest = Substring(text)
        var output: String?
        if let at = rest.firstIndex(of: "@") {
            output = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var all = false
        if rest.hasSuffix("[*]") {
            all = true
            rest = rest.dropLast(3)
        }
        guard !rest.isEmpty, !rest.contains("["), !rest.contains("]"), output.map({ !$0.isEmpty }) ?? true else { return nil }
        self.init(stage: String(rest), output: output, allInstances: all)
    }
}

public struct ProfileOverride {
    public let stage: String
    public let param: String
    public let value: ParamValue
    public let line: Int
}

public struct Located<Value> {
    public let value: Value
    public let line: Int
}
