import Foundation
import Yams

/// Reads pipeline.yaml through Yams' node API (not Codable) so that every error can name the
/// line and key it is about, and so that duplicate keys, which a dictionary would silently
/// merge, are caught.
public struct PipelineLoader {
    public let registry: StageRegistry
    /// How the file is named in error messages.
    public let file: String

    /// The repository root, where repository-file parameters must point (nil: their paths are
    /// checked for escapes only).
    public var root: URL?

    public init(registry: StageRegistry, file: String = "pipeline.yaml") {
        self.registry = registry
        self.file = file
    }

    public static func load(_ url: URL, registry: StageRegistry) throws -> PipelineSpec {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw PipelineError("cannot read \(url.path): \(error.localizedDescription)", category: .execution)
        }
        var loader = PipelineLoader(registry: registry, file: url.lastPathComponent)
        loader.root = url.deletingLastPathComponent()
        return try loader.parse(text)
    }

    /// Deeper flow nesting (`[[[...`) than any pipeline needs; the YAML parser recurses once
    /// per level, so a hostile file could otherwise overflow its stack.
    static let maximumNesting = 64

    public func parse(_ text: String) throws -> PipelineSpec {
        try rejectDeepNesting(text)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(1, "the file is empty; it needs at least a `stages:` mapping") }
            root = node
        } catch let error as YamlError {
            throw yamlFailure(error)
        }
        let top = try mapping(root, what: "the top level")
        var stagesNode: Node?
        var profilesNode: Node?
        var profilesLine = 1
        var groupsNode: Node?
        for (key, value, line) in top {
            switch key {
            case "version":
                guard value.tagName == .int, value.int == 1 else { throw fail(line, "version: only version 1 is supported, found \(describe(value))") }
            case "stages": stagesNode = value
            case "profiles": profilesNode = value; profilesLine = line
            case "groups": groupsNode = value
            default: throw fail(line, "unknown top-level key \(key) (expected version, profiles, groups, stages)")
            }
        }
        guard let stagesNode else { throw fail(1, "missing top-level key stages") }
        let stages = try parseStages(stagesNode)
        let profiles = try profilesNode.map { try parseProfiles($0, stages: stages) } ?? [:]
        let groups = try groupsNode.map { try parseGroups($0, stages: stages) } ?? [:]
        let spec = PipelineSpec(file: file, stages: stages, profiles: profiles, profilesLine: profilesLine, groups: groups)
        try validateReferences(spec)
        try validateProfileMembership(spec)
        try rejectCycles(spec)
        return spec
    }

    /// Counts `[` and `{` outside quoted scalars and comments, line by line.
    private func rejectDeepNesting(_ text: String) throws {
        var depth = 0, line = 1, quote: Character?, comment = false
        for c in text {
            if c == "\n" { line += 1; comment = false; continue }
            if comment { continue }
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "\"", "'": quote = c
            case "#": comment = true
            case "[", "{":
                depth += 1
                if depth > Self.maximumNesting {
                    throw fail(line, "nesting deeper than \(Self.maximumNesting) levels of [ or {; pipeline.yaml needs at most a few")
                }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
    }

    // MARK: stages

    private func parseStages(_ node: Node) throws -> [StageSpec] {
        var stages: [StageSpec] = []
        for (name, body, line) in try mapping(node, what: "stages", duplicateNoun: "stage name") {
            guard isValidStageName(name) else {
                throw fail(line, "stage name \(name) may only contain letters, digits, '-' and '_'")
            }
            stages.append(try parseStage(name, body, line: line))
        }
        if stages.isEmpty { throw fail(node.mark?.line ?? 1, "stages: no stages defined") }
        return stages
    }

    /// A stage's `slurm:` block: `cpus` (int), `mem`, `time`, `partition` (strings) and
    /// `flags` (a list of sbatch flags).
    private func jobResources(_ node: Node, stage name: String) throws -> JobResourceOverrides {
        var r = JobResourceOverrides()
        for (key, value, keyLine) in try mapping(node, what: "stage \(name) slurm", duplicateNoun: "key") {
            let text = value.scalar?.string
            switch key {
            case "cpus":
                guard let cpus = text.flatMap(Int.init), cpus >= 1 else {
                    throw fail(keyLine, "stage \(name): slurm cpus must be a positive integer, found \(describe(value))")
                }
                r.cpus = cpus
            case "mem", "time", "partition":
                guard let text, !text.isEmpty else { throw fail(keyLine, "stage \(name): slurm \(key) must be a string, found \(describe(value))") }
                if key == "mem" { r.memory = text } else if key == "time" { r.time = text } else { r.partition = text }
            case "flags":
                guard case .sequence(let items) = value, let flags = Optional(items.compactMap { $0.scalar?.string }), flags.count == items.count else {
                    throw fail(keyLine, "stage \(name): slurm flags must be a list of sbatch flags, found \(describe(value))")
                }
                r.flags = flags
            default:
                throw fail(keyLine, "stage \(name): unknown slurm key \(key) (expected \(JobResources.keys.joined(separator: ", ")))")
            }
        }
        return r
    }

    private func parseStage(_ name: String, _ node: Node, line: Int) throws -> StageSpec {
        var kind: StageKind.Type?
        var params: [String: Located<ParamValue>] = [:]
        var needs: [NeedSpec] = []
        var foreach: [FanOutAxis] = []
        var resources = JobResourceOverrides()
        var profiles: Located<[String]>?
        let fields = try mapping(node, what: "stage \(name)")
        guard let usesField = fields.first(where: { $0.key == "uses" }) else {
            throw fail(line, "stage \(name): missing key uses (the stage kind)")
        }
        guard let kindName = usesField.value.scalar?.string, let found = registry[kindName] else {
            let known = registry.kinds.keys.sorted().joined(separator: ", ")
            throw fail(usesField.line, "stage \(name): unknown stage kind \(usesField.value.scalar?.string ?? describe(usesField.value)) (known kinds: \(known.isEmpty ? "none" : known))")
        }
        kind = found
        for (key, value, keyLine) in fields {
            switch key {
            case "uses": continue
            case "params":
                for (param, valueNode, paramLine) in try mapping(value, what: "stage \(name) params", duplicateNoun: "parameter") {
                    let spec = try paramSpec(found, param, stage: name, line: paramLine)
                    params[param] = Located(value: try typed(valueNode, spec, context: "stage \(name)", line: paramLine), line: paramLine)
                }
            case "needs":
                for (input, refsNode, inputLine) in try mapping(value, what: "stage \(name) needs", duplicateNoun: "input") {
                    guard found.inputs.contains(where: { $0.name == input }) else {
                        throw fail(inputLine, "stage \(name): unknown input \(input) for kind \(found.name) (inputs: \(list(found.inputs.map(\.name))))")
                    }
                    needs.append(NeedSpec(input: input, refs: try inputRefs(refsNode, stage: name, input: input, line: inputLine), line: inputLine))
                }
            case "foreach":
                for (param, valuesNode, axisLine) in try mapping(value, what: "stage \(name) foreach", duplicateNoun: "fan-out parameter") {
                    let spec = try paramSpec(found, param, stage: name, line: axisLine)
                    if params[param] != nil {
                        throw fail(axisLine, "stage \(name): parameter \(param) is set both in params and in foreach")
                    }
                    guard case .sequence(let seq) = valuesNode, !seq.isEmpty else {
                        throw fail(axisLine, "stage \(name): foreach \(param) needs a non-empty list of values, found \(describe(valuesNode))")
                    }
                    let lines = seq.map { $0.mark?.line ?? axisLine }
                    let values = try zip(seq, lines).map { try typed($0, spec, context: "stage \(name) foreach", line: $1) }
                    for (i, value) in values.enumerated() {
                        if let first = values[..<i].firstIndex(of: value) {
                            throw fail(lines[i], "stage \(name): foreach \(param) lists \(value.canonicalJSON) twice (first on line \(lines[first])); each value makes one instance")
                        }
                    }
                    foreach.append(FanOutAxis(param: param, values: values, valueLines: lines))
                }
            case "slurm":
                resources = try jobResources(value, stage: name)
            case "profiles":
                profiles = Located(value: try profileNames(value, stage: name, line: keyLine), line: keyLine)
            default:
                throw fail(keyLine, "stage \(name): unknown key \(key) (expected uses, params, needs, foreach, slurm, profiles)")
            }
        }
        for spec in found.parameters where spec.defaultValue == nil && !spec.isActiveProfile {
            if params[spec.name] == nil, !foreach.contains(where: { $0.param == spec.name }) {
                throw fail(line, "stage \(name): missing required parameter \(spec.name) (\(spec.type)) of kind \(found.name)")
            }
        }
        for input in found.inputs where !input.optional && !needs.contains(where: { $0.input == input.name }) {
            throw fail(line, "stage \(name): missing required input \(input.name) of kind \(found.name) (add it under needs)")
        }
        var spec = StageSpec(name: name, line: line, kind: kind!, params: params, needs: needs, foreach: foreach)
        spec.resources = resources
        spec.profiles = profiles
        return spec
    }

    /// A stage's `profiles:` list: the profiles it belongs to, each named once.
    private func profileNames(_ node: Node, stage: String, line: Int) throws -> [String] {
        guard case .sequence(let items) = node, !items.isEmpty else {
            let found = node.sequence.map { _ in "an empty list" } ?? describe(node)
            throw fail(line, "stage \(stage): profiles must be a non-empty list of profile names, found \(found)")
        }
        var names: [String] = []
        for item in items {
            guard let name = item.scalar?.string, !name.isEmpty else {
                throw fail(item.mark?.line ?? line, "stage \(stage): profiles: \(describe(item)) is not a profile name")
            }
            if names.contains(name) { throw fail(item.mark?.line ?? line, "stage \(stage): profiles lists \(name) twice") }
            names.append(name)
        }
        return names
    }

    private func inputRefs(_ node: Node, stage: String, input: String, line: Int) throws -> [InputRef] {
        let items: [Node]
        switch node {
        case .scalar: items = [node]
        case .sequence(let seq) where !seq.isEmpty: items = Array(seq)
        default: throw fail(line, "stage \(stage): input \(input) needs a stage reference or a list of them, found \(describe(node))")
        }
        return try items.map { item in
            guard let text = item.scalar?.string, let ref = InputRef(parsing: text) else {
                throw fail(item.mark?.line ?? line, "stage \(stage): input \(input): \(describe(item)) is not a reference of the form stage, stage@output or stage[*]")
            }
            return ref
        }
    }

    // MARK: profiles

    private func parseProfiles(_ node: Node, stages: [StageSpec]) throws -> [String: [ProfileOverride]] {
        var profiles: [String: [ProfileOverride]] = [:]
        for (profile, body, profileLine) in try mapping(node, what: "profiles", duplicateNoun: "profile") {
            guard isValidStageName(profile) else {
                throw fail(profileLine, "profile name \(profile) may only contain letters, digits, '-' and '_' (its figures go to figures/<profile>/)")
            }
            var overrides: [ProfileOverride] = []
            for (key, valueNode, line) in try mapping(body, what: "profile \(profile)", duplicateNoun: "override") {
                overrides += try expandOverride(key, valueNode, line: line, stages: stages, profile: profile,
                                                context: "profile \(profile): override \(key)")
            }
            profiles[profile] = overrides
        }
        return profiles
    }

    /// `--set STAGE.PARAM=VALUE` assignments, as overrides applied after the profile's. VALUE is
    /// read as YAML (`4`, `1e-4`, `[1, 2]`, `rope`); STAGE may be a glob, as in a profile, over
    /// the stages of `profile`.
    public func commandLineOverrides(_ assignments: [String], spec: PipelineSpec, profile: String) throws -> [ProfileOverride] {
        try assignments.flatMap { assignment -> [ProfileOverride] in
            guard let equals = assignment.firstIndex(of: "=") else {
                throw fail(0, "\(assignment) must have the form <stage>.<param>=<value>")
            }
            let key = String(assignment[..<equals]), text = String(assignment[assignment.index(after: equals)...])
            let parsed: Node?
            do { parsed = try Yams.compose(yaml: text) } catch {
                throw fail(0, "\(assignment): the value is not valid YAML (\(error))")
            }
            guard let node = parsed else { throw fail(0, "\(assignment): the value is empty") }
            return try expandOverride(key, node, line: 0, stages: spec.stages, profile: profile, context: assignment)
        }
    }

    /// The overrides one `<stage>.<param>` key stands for. `<stage>` is a stage name, or a glob
    /// (`*`, `?`, `[...]` as in a shell) that applies to every stage of `profile` it matches
    /// whose kind takes `<param>` and must apply to at least one. Overrides apply in the order
    /// written, so a later key wins over an earlier one for the same stage and parameter.
    private func expandOverride(_ key: String, _ valueNode: Node, line: Int, stages: [StageSpec], profile: String,
                                context: String) throws -> [ProfileOverride] {
        guard let dot = key.lastIndex(of: "."), dot != key.startIndex, key.index(after: dot) != key.endIndex else {
            throw fail(line, "\(context): the key must have the form <stage>.<param> (<stage> may be a glob such as lds-r*)")
        }
        let pattern = String(key[..<dot]), param = String(key[key.index(after: dot)...])
        let targets: [StageSpec]
        if StageGlob.isPattern(pattern) {
            let matched = stages.filter { $0.belongs(to: profile) && StageGlob.matches(pattern, $0.name) }
            targets = matched.filter { $0.kind.parameters.contains { $0.name == param } }
            guard !targets.isEmpty else {
                let elsewhere = stages.filter { StageGlob.matches(pattern, $0.name) }.flatMap { $0.profiles?.value ?? [] }
                let note = elsewhere.isEmpty ? "" : "; it matches stages of profile \(list(Array(Set(elsewhere)).sorted())) only"
                throw fail(line, matched.isEmpty ? "\(context): \(pattern) matches no stage of profile \(profile)\(note)"
                    : "\(context): no stage that \(pattern) matches (\(list(matched.map(\.name)))) takes a parameter \(param)")
            }
        } else {
            guard let stage = stages.first(where: { $0.name == pattern }) else {
                throw fail(line, "\(context) names unknown stage \(pattern) (stages: \(list(stages.map(\.name))))")
            }
            guard stage.belongs(to: profile) else { throw fail(line, "\(context) names stage \(pattern), \(Self.outside(stage, profile))") }
            targets = [stage]
        }
        return try targets.map { stage in
            let spec = try paramSpec(stage.kind, param, stage: stage.name, line: line, context: context)
            if stage.foreach.contains(where: { $0.param == param }) {
                throw fail(line, "\(context) sets a fan-out parameter of \(stage.name); change its foreach list instead")
            }
            let valueContext = targets.count > 1 || pattern != stage.name ? "\(context) (stage \(stage.name))" : context
            return ProfileOverride(stage: stage.name, param: param,
                                   value: try typed(valueNode, spec, context: valueContext, line: line), line: line)
        }
    }

    /// `groups:` maps a name to the targets it stands for: stage names or globs, each of which
    /// must match a stage.
    private func parseGroups(_ node: Node, stages: [StageSpec]) throws -> [String: [String]] {
        var groups: [String: [String]] = [:]
        for (name, body, line) in try mapping(node, what: "groups", duplicateNoun: "group") {
            guard isValidStageName(name) else { throw fail(line, "group name \(name) may only contain letters, digits, '-' and '_'") }
            guard case .sequence(let items) = body, !items.isEmpty else {
                throw fail(line, "group \(name) must be a list of stage names or globs, found \(describe(body))")
            }
            groups[name] = try items.map { item in
                guard let target = item.scalar?.string, !target.isEmpty else {
                    throw fail(item.mark?.line ?? line, "group \(name): \(describe(item)) is not a stage name or glob")
                }
                guard stages.contains(where: { $0.isNamed(by: target) }) else {
                    throw fail(item.mark?.line ?? line, "group \(name): \(target) matches no stage")
                }
                return target
            }
        }
        return groups
    }

    // MARK: cross-stage checks

    private func validateReferences(_ spec: PipelineSpec) throws {
        for stage in spec.stages {
            for need in stage.needs {
                let input = stage.kind.inputs.first { $0.name == need.input }!
                var artifactCount = 0
                for ref in need.refs {
                    guard let producer = spec.stage(ref.stage) else {
                        throw fail(need.line, "stage \(stage.name): input \(need.input) refers to unknown stage \(ref.stage) (stages: \(list(spec.stages.map(\.name))))")
                    }
                    if let output = ref.output {
                        guard producer.kind.outputs.contains(output) else {
                            throw fail(need.line, "stage \(stage.name): input \(need.input) refers to unknown output \(output) of stage \(ref.stage) (outputs: \(list(producer.kind.outputs)))")
                        }
                    } else if producer.kind.outputs.count != 1 {
                        throw fail(need.line, "stage \(stage.name): input \(need.input): stage \(ref.stage) has outputs \(list(producer.kind.outputs)); name one as \(ref.stage)@<output>")
                    }
                    if producer.fansOut, !ref.allInstances {
                        throw fail(need.line, "stage \(stage.name): input \(need.input): stage \(ref.stage) fans out into several instances; refer to all of them as \(ref.stage)[*]")
                    }
                    artifactCount += ref.allInstances ? instanceCount(producer) : 1
                }
                if !input.multiple, artifactCount != 1 {
                    throw fail(need.line, "stage \(stage.name): input \(need.input) takes one artifact but the references give \(artifactCount)")
                }
            }
        }
    }

    /// A stage with a `profiles:` key must name known profiles, and in every profile each of its
    /// inputs must still be fed: a reference to a stage that the profile leaves out drops out
    /// of a list input (a grid over the cells the profile holds), and an optional input may lose
    /// all of them, but a required one-artifact input, or a required list left with nothing, is
    /// an error.
    private func validateProfileMembership(_ spec: PipelineSpec) throws {
        let known = spec.profileNames
        for stage in spec.stages {
            guard let profiles = stage.profiles else { continue }
            if let unknown = profiles.value.first(where: { !known.contains($0) }) {
                throw fail(profiles.line, "stage \(stage.name): profiles names unknown profile \(unknown) (profiles: \(list(known)))")
            }
        }
        for profile in known {
            for stage in spec.stages where stage.belongs(to: profile) {
                for need in stage.needs {
                    let input = stage.kind.inputs.first { $0.name == need.input }!
                    let absent = need.refs.map { spec.stage($0.stage)! }.filter { !$0.belongs(to: profile) }
                    guard let first = absent.first else { continue }
                    let allAbsent = absent.count == need.refs.count
                    if input.optional && allAbsent { continue }
                    if !input.multiple || allAbsent {
                        throw fail(need.line, "stage \(stage.name): input \(need.input) in profile \(profile) refers to stage \(first.name), "
                            + "\(Self.outside(first, profile)); give stage \(stage.name) a profiles: key that leaves \(profile) out too")
                    }
                }
            }
        }
    }

    /// Why `stage` is not in `profile`'s plan, for error messages.
    static func outside(_ stage: StageSpec, _ profile: String) -> String {
        "which is not in profile \(profile) (\(stage.profilesNote), line \(stage.profiles?.line ?? stage.line))"
    }

    private func instanceCount(_ stage: StageSpec) -> Int { stage.foreach.reduce(1) { $0 * $1.values.count } }

    /// Depth-first search with an explicit stack: a chain of 300,000 stages must not overflow
    /// the call stack.
    private func rejectCycles(_ spec: PipelineSpec) throws {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        for root in spec.stages where marks[root.name] == nil {
            // Each frame: a stage and the references of it still to visit.
            var stack: [(name: String, refs: [String])] = []
            func push(_ name: String) {
                marks[name] = .visiting
                stack.append((name, spec.stage(name)!.needs.flatMap { $0.refs.map(\.stage) }.reversed()))
            }
            push(root.name)
            while !stack.isEmpty {
                guard let next = stack[stack.count - 1].refs.popLast() else {
                    marks[stack.removeLast().name] = .done
                    continue
                }
                switch marks[next] {
                case .done?: continue
                case .visiting?:
                    let path = stack.map(\.name)
                    let cycle = path[path.firstIndex(of: next)!...] + [next]
                    throw fail(spec.stage(cycle.first!)!.line, "the stages form a cycle: \(cycle.joined(separator: " -> "))")
                case nil: push(next)
                }
            }
        }
    }

    // MARK: values

    private func paramSpec(_ kind: StageKind.Type, _ name: String, stage: String, line: Int, context: String? = nil) throws -> ParamSpec {
        if let spec = kind.parameters.first(where: { $0.name == name }) { return spec }
        throw fail(line, "\(context ?? "stage \(stage)"): unknown parameter \(name) for kind \(kind.name) (parameters: \(list(kind.parameters.map(\.name))))")
    }

    /// Type-checks a YAML value against the declared parameter type. An int literal is
    /// accepted for a double and stored as a double, so `lr: 1` and `lr: 1.0` share a cache key.
    /// A double must be finite: `.nan` would never equal itself in the lock, and `.inf` is no
    /// setting any stage can run with.
    private func typed(_ node: Node, _ spec: ParamSpec, context: String, line: Int) throws -> ParamValue {
        func mismatch() -> PipelineError {
            if node.tagName == .int, node.int == nil {
                return fail(line, "\(context): parameter \(spec.name) = \(node.scalar?.string ?? "") is too large for a 64-bit integer")
            }
            return fail(line, "\(context): parameter \(spec.name) expects \(spec.type), found \(describe(node))")
        }
        func requireFinite(_ value: ParamValue, _ node: Node) throws {
            if case .double(let v) = value, !v.isFinite {
                let must = spec.type == .doubleList ? "must hold finite numbers" : "must be a finite number"
                throw fail(line, "\(context): parameter \(spec.name) \(must), found \(node.scalar?.string ?? "\(v)")")
            }
        }
        func element(_ node: Node, _ type: ParamType) -> ParamValue? {
            guard case .scalar = node else { return nil }
            switch (type, node.tagName) {
            case (.int, .int): return node.int.map(ParamValue.int)
            case (.double, .int): return node.int.map { .double(Double($0)) }
            case (.double, .float): return node.float.map(ParamValue.double)
            case (.string, .str), (.file, .str): return node.string.map(ParamValue.string)
            case (.bool, .bool): return node.bool.map(ParamValue.bool)
            default: return nil
            }
        }
        let value: ParamValue
        switch spec.type {
        case .int, .double, .string, .bool, .file:
            guard let v = element(node, spec.type) else { throw mismatch() }
            try requireFinite(v, node)
            if spec.type == .file, case .string(let path) = v { try checkRepositoryFile(path, spec, context: context, line: line) }
            value = v
        case .intList, .doubleList, .stringList:
            let elementType: ParamType = spec.type == .intList ? .int : spec.type == .doubleList ? .double : .string
            guard case .sequence(let seq) = node else { throw mismatch() }
            var items: [ParamValue] = []
            for item in seq {
                guard let v = element(item, elementType) else { throw mismatch() }
                try requireFinite(v, item)
                items.append(v)
            }
            value = .list(items)
        }
        if let choices = spec.choices {
            let strings: [String]
            switch value {
            case .string(let s): strings = [s]
            case .list(let xs): strings = xs.compactMap { if case .string(let s) = $0 { return s }; return nil }
            default: strings = []
            }
            if let bad = strings.first(where: { !choices.contains($0) }) {
                throw fail(line, "\(context): parameter \(spec.name) must be one of \(choices.joined(separator: "|")), found \(bad)")
            }
        }
        return value
    }

    // MARK: YAML helpers

    /// The key/value pairs of a mapping with each key's line, rejecting duplicate keys.
    private func mapping(_ node: Node, what: String, duplicateNoun: String = "key") throws -> [(key: String, value: Node, line: Int)] {
        guard case .mapping(let map) = node else {
            if case .scalar(let s) = node, s.string.isEmpty, node.tagName == .null { return [] }
            throw fail(node.mark?.line ?? 1, "\(what) must be a mapping, found \(describe(node))")
        }
        var firstLine: [String: Int] = [:]
        var pairs: [(String, Node, Int)] = []
        for (keyNode, value) in map {
            let line = keyNode.mark?.line ?? map.mark?.line ?? 1
            guard case .scalar(let key) = keyNode else { throw fail(line, "\(what): keys must be plain names, found \(describe(keyNode))") }
            if let first = firstLine[key.string] {
                throw fail(line, "\(what): duplicate \(duplicateNoun) \(key.string) (first defined on line \(first))")
            }
            firstLine[key.string] = line
            pairs.append((key.string, value, line))
        }
        return pairs
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            switch node.tagName {
            case .int: return "int \(s.string)"
            case .float: return "double \(s.string)"
            case .bool: return "bool \(s.string)"
            case .null: return "nothing"
            default: return "string \"\(s.string)\""
            }
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// A repository-file parameter must name a readable regular file inside the repository: its
    /// content enters the cache key and is handed to a tool (gnuplot), so a path that escapes
    /// (`../../etc/passwd`) or names a directory is refused here, with the line.
    private func checkRepositoryFile(_ path: String, _ spec: ParamSpec, context: String, line: Int) throws {
        func bad(_ why: String) -> PipelineError { fail(line, "\(context): parameter \(spec.name) = \(path) \(why)") }
        let base = (root ?? URL(fileURLWithPath: "/repository")).standardizedFileURL
        let target = base.appendingPathComponent(path).standardizedFileURL
        guard !path.isEmpty, !path.hasPrefix("/"), target.path.hasPrefix(base.path + "/") else {
            throw bad("must be a path inside the repository, relative to its root")
        }
        guard root != nil else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else { throw bad("does not exist") }
        if isDirectory.boolValue { throw bad("is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: target.path) else { throw bad("is not readable") }
    }

    private func isValidStageName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
    }

    private func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    /// Line 0: the error is about text with no line (a `--set` assignment).
    private func fail(_ line: Int, _ message: String) -> PipelineError {
        PipelineError(message, file: file, line: line > 0 ? line : nil)
    }

    private func yamlFailure(_ error: YamlError) -> PipelineError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return fail(mark.line, "malformed YAML: \(problem)")
        default:
            return PipelineError("malformed YAML: \(error)", file: file)
        }
    }
}

private extension Node {
    /// The resolved YAML tag (`int`, `float`, `str`, ...); quoted scalars resolve to `str`.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.description) }
}
