/// Where one parameter value of a stage instance came from, so that a range or rule error can
/// point at the pipeline.yaml line to edit.
struct ParamOrigin {
    enum Source: Int, Comparable {
        /// The kind's default: the stage's own line.
        case kindDefault
        /// The stage's `params` entry.
        case stageParams
        /// The active profile's override.
        case profile
        /// A `--set` assignment: no line of pipeline.yaml to point at.
        case commandLine
        /// The stage's `foreach` value.
        case fanOut

        static func < (a: Source, b: Source) -> Bool { a.rawValue < b.rawValue }
    }

    let source: Source
    let line: Int

    /// Later sources override earlier ones; within a source, the later line was written last.
    func isSetAfter(_ other: ParamOrigin) -> Bool { (source, line) > (other.source, other.line) }
}

/// The range and rule checks of a stage instance's combined parameters, and the requirements
/// its inputs place on the stages connected to them. They run in
/// `Plan.init`, after defaults, params, profile overrides and fan-out values are applied,
/// because only then is the value a stage would run with known; every command that builds a
/// plan (`status`, `repro`, `repro --dry-run`) thus fails at the offending line before any
/// stage runs.
enum ParameterChecks {
    /// The error about instance `instance`, at the line of `origin`.
    private static func failure(_ instance: String, _ origin: ParamOrigin, _ message: String,
                                profile: String, file: String) -> PipelineError {
        if origin.source == .commandLine { return PipelineError("stage \(instance) (as --set makes it): \(message)") }
        let from = origin.source == .profile ? " (profile \(profile))" : ""
        return PipelineError("stage \(instance)\(from): \(message)", file: file, line: origin.line)
    }

    /// Where the last of `keys` was set; the stage's line when none was.
    private static func lastSet(_ keys: [String], _ origins: [String: ParamOrigin], stage: StageSpec) -> ParamOrigin {
        let latest = keys.compactMap { origins[$0] }.reduce(nil) { (latest: ParamOrigin?, next) in
            latest.map { next.isSetAfter($0) ? next : $0 } ?? next
        }
        return latest ?? ParamOrigin(source: .kindDefault, line: stage.line)
    }

    static func check(instance: String, stage: StageSpec, params: Parameters, origins: [String: ParamOrigin],
                      profile: String, file: String) throws {
        let kind = stage.kind
        func fail(_ origin: ParamOrigin, _ message: String) -> PipelineError {
            failure(instance, origin, message, profile: profile, file: file)
        }
        for spec in kind.parameters {
            guard let range = spec.range, let value = params.values[spec.name], let origin = origins[spec.name],
                  let outside = range.firstOutside(value) else { continue }
            let key = outside.index.map { "\(spec.name)[\($0)]" } ?? spec.name
            let note = origin.source == .kindDefault ? " (the default of \(kind.name))" : ""
            throw fail(origin, "parameter \(key) = \(outside.value)\(note) must be in \(range)")
        }
        for rule in kind.rules {
            guard let violation = rule.check(params) else { continue }
            throw fail(lastSet(rule.keys, origins, stage: stage), violation)
        }
    }

    /// The requirements of `instance`'s inputs (`InputSpec.requirement`) against every producer
    /// instance connected to them. Runs once all instances exist, after each passed `check`.
    static func checkInputs(of instance: StageInstance, producers: (String) -> StageInstance?,
                            origins: [String: ParamOrigin], profile: String, file: String) throws {
        for input in instance.inputs {
            guard let requirement = instance.kind.inputs.first(where: { $0.name == input.name })?.requirement else { continue }
            var seen = Set<String>()
            for ref in input.artifacts where seen.insert(ref.instance).inserted {
                guard let producer = producers(ref.instance), let violation = requirement.check(instance.params, producer) else { continue }
                throw failure(instance.name, lastSet(requirement.keys, origins, stage: instance.stage), violation,
                              profile: profile, file: file)
            }
        }
    }
}
