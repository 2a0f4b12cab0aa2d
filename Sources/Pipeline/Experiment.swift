import Artifacts
import Foundation

/// A run of the pipeline with `--set STAGE.PARAM=VALUE` overrides on top of a profile. It
/// shares the cache, writes the figures it changes to `figures/exp/<name>/`, never touches
/// pipeline.lock, records the assignments in the provenance of every artifact it changes, and
/// is recorded in `data/experiments/<name>.json` so that `gc` keeps its entries and `exp list`
/// shows it.
public struct Experiment: Equatable {
    public let name: String
    /// `STAGE.PARAM=VALUE` as given, in order (a later one wins for the same parameter).
    public let assignments: [String]

    /// `name` nil: one derived from the assignments.
    public init(name: String?, assignments: [String]) throws {
        guard !assignments.isEmpty else {
            throw PipelineError("--name needs at least one --set STAGE.PARAM=VALUE to name", category: .specification)
        }
        let chosen = name ?? Self.derivedName(assignments)
        guard Self.isValidName(chosen) else {
            throw PipelineError("experiment name \(chosen) may only contain letters, digits, '.', '-', '_' and '+', and may not start with '.' (it names figures/exp/<name>/)")
        }
        self.name = chosen
        self.assignments = assignments
    }

    /// `lds-r1.layers=4` -> `lds-r1.layers-4`; several joined by `+`; a long result is cut and
    /// completed with a digest of the assignments, so that distinct experiments keep distinct names.
    public static func derivedName(_ assignments: [String]) -> String {
        let text = assignments.map { assignment in
            String(assignment.map { allowed.contains($0) && $0 != "+" ? $0 : "-" })
        }.joined(separator: "+")
        guard text.count > 64 else { return text.hasPrefix(".") ? "-" + text.dropFirst() : text }
        return String(text.prefix(48)) + "-" + SHA256.hex(assignments.joined(separator: "\n")).prefix(12)
    }

    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+")

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.allSatisfy(allowed.contains)
    }

    /// Where its changed figures go, relative to the repository root.
    public var figuresFolder: String { Self.figuresFolder(name) }

    /// Where experiment `name`'s figures go, relative to the repository root.
    public static func figuresFolder(_ name: String) -> String { "figures/exp/\(name)" }

    /// The provenance attribute of the artifacts it changes: `{"name":"...","set":[...]}`.
    var provenanceJSON: String {
        JSONValue.object(["name": .string(name), "set": .array(assignments.map(JSONValue.string))]).compact
    }

    /// The arguments that make a child `toyworld run-stage` plan the same experiment.
    var commandLineArguments: [String] {
        ["--name", name] + assignments.flatMap { ["--set", $0] }
    }
}

/// What `data/experiments/<name>.json` records about an experiment's last run.
public struct ExperimentRecord: Codable, Equatable {
    public var name: String
    public var profile: String
    public var assignments: [String]
    /// When the last `repro --set` of it finished (ISO 8601), and at which commit.
    public var updated: String
    public var commit: String
    /// The cache key of every instance the last run brought up to date, by instance name.
    public var keys: [String: String]
    /// The instances whose artifacts differ from the profile's, in topological order.
    public var changed: [String]

    enum CodingKeys: String, CodingKey {
        case name, profile, assignments = "set", updated, commit, keys, changed
    }
}
