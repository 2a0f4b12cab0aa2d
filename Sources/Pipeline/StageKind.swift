import Foundation

/// A kind of stage (`lds.library`, `coop.simulate`, `plot`, ...): what a world registers with
/// the pipeline. `pipeline.yaml` instantiates kinds as stages with parameters and inputs.
///
/// A kind's `run` reads its inputs (HDF5 artifacts written by other stages) and writes each of
/// its declared outputs to the path `context.output(name)` gives. The engine then stamps
/// provenance, computes content digests and moves the files into the cache atomically; a
/// kind never touches the cache itself.
public protocol StageKind {
    /// Registered name, e.g. `lds.library`.
    static var name: String { get }
    /// Bump when the algorithm changes so that cached results are recomputed.
    static var version: Int { get }
    /// One line for `toyworld kinds` and error messages.
    static var summary: String { get }
    static var parameters: [ParamSpec] { get }
    /// Named inputs. A list input (`multiple: true`) takes several artifacts, e.g. one per seed.
    static var inputs: [InputSpec] { get }
    /// Named outputs; each is one HDF5 file.
    static var outputs: [String] { get }
    /// Constraints between parameters (`batch divides checkpoint_every`), checked with the
    /// parameters' ranges when the plan is built. Empty unless the kind declares some.
    static var rules: [ParamRule] { get }
    /// What a batch job running this kind asks for (`repro --executor slurm`).
    static var resources: JobResources { get }
    static func run(_ context: StageContext) throws
}

extension StageKind {
    public static var rules: [ParamRule] { [] }
    public static var resources: JobResources { JobResources() }
}

public struct InputSpec {
    public let name: String
    public let multiple: Bool
    public let optional: Bool
    public let help: String
    /// A constraint between this stage's parameters and those of every stage connected to the
    /// input, checked when the plan is built (see `InputRequirement`). nil: none.
    public let requirement: InputRequirement?
    public init(_ name: String, multiple: Bool = false, optional: Bool = false, help: String,
                requires requirement: InputRequirement? = nil) {
        self.name = name
        self.multiple = multiple
        self.optional = optional
        self.help = help
        self.requirement = requirement
    }
}

/// Everything a running stage may use. Paths only; reading and writing HDF5 is the kind's job
/// (with the Artifacts module).
public final class StageContext {
    /// The stage's name in pipeline.yaml (with its fan-out suffix, e.g. `coop[seed=3]`).
    public let stageName: String
    public let params: Parameters
    /// Artifact paths of each named input, in declaration order of the `needs` list.
    public let inputs: [String: [URL]]
    /// A directory that survives a killed run of this same stage (same cache key): put
    /// checkpoints here to resume.
    public let workDirectory: URL
    /// The repository root, for stage kinds that read files of the repository (gnuplot scripts).
    public let rootDirectory: URL
    public let progress: ProgressReporter
    /// Worker threads for the stage's loops and products. A run-time setting, not a parameter:
    /// every stage computes the same bits on any thread count, so it is not in the cache key.
    public let threads: Int
    /// The cache key of the entry the stage is making ("" outside the pipeline).
    public let cacheKey: String
    private let outputPaths: [String: URL]

    public init(stageName: String, params: Parameters, inputs: [String: [URL]], outputPaths: [String: URL],
                workDirectory: URL, rootDirectory: URL, progress: ProgressReporter, threads: Int = 1, cacheKey: String = "") {
        self.stageName = stageName
        self.cacheKey = cacheKey
        self.params = params
        self.inputs = inputs
        self.outputPaths = outputPaths
        self.workDirectory = workDirectory
        self.rootDirectory = rootDirectory
        self.progress = progress
        self.threads = max(1, threads)
    }

    /// A context for running `kind` on its own, outside a plan (tests, notebooks): `values`
    /// over the kind's defaults, unchecked; progress is silent.
    public convenience init(kind: StageKind.Type, values: [String: ParamValue], inputs: [String: [URL]], outputPaths: [String: URL],
                            workDirectory: URL, rootDirectory: URL, threads: Int = 1) {
        var params: [String: ParamValue] = [:]
        for spec in kind.parameters { params[spec.name] = values[spec.name] ?? spec.defaultValue }
        self.init(stageName: kind.name, params: Parameters(params), inputs: inputs, outputPaths: outputPaths,
                  workDirectory: workDirectory, rootDirectory: rootDirectory, progress: .silent(), threads: threads)
    }

    /// The single artifact of input `name`.
    public func input(_ name: String) -> URL {
        guard let urls = inputs[name], let first = urls.first else {
            fatalError("stage \(stageName): input \(name) was validated but is missing")
        }
        return first
    }

    /// The path the stage must write output `name` to (a temporary name; the engine renames it).
    public func output(_ name: String) -> URL {
        guard let url = outputPaths[name] else { fatalError("stage \(stageName) has no declared output \(name)") }
        return url
    }
}

/// Errors a stage kind raises about its own work (bad data, impossible parameters).
public struct StageError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
