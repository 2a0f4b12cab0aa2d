import Foundation
import Artifacts
@testable import Pipeline

/// Counts how often each test kind ran, so tests can tell a cache hit from a rerun.
enum RunLog {
    private static let lock = NSLock()
    private static var counts: [String: Int] = [:]
    static func record(_ stage: String) { lock.lock(); counts[stage, default: 0] += 1; lock.unlock() }
    static func count(_ stage: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[stage] ?? 0 }
    static func reset() { lock.lock(); counts = [:]; lock.unlock() }
}

func readNumber(_ url: URL) throws -> Int {
    guard let n = Int(try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw StageError("\(url.path) holds no number")
    }
    return n
}

func writeNumber(_ n: Int, to url: URL) throws { try "\(n)\n".write(to: url, atomically: false, encoding: .utf8) }

/// Writes `value * size` to its output.
enum SourceKind: StageKind {
    static let name = "test.source"
    static let version = 1
    static let summary = "writes value * size"
    static let parameters = [
        ParamSpec("value", .int, default: .int(1), help: "the number"),
        ParamSpec("size", .int, default: .int(3), help: "a multiplier"),
        ParamSpec("mode", .string, default: .string("a"), choices: ["a", "b"], help: "a choice"),
        ParamSpec("scale", .double, default: .double(1), help: "a real"),
        ParamSpec("flags", .intList, default: .list([]), help: "a list"),
    ]
    static let inputs: [InputSpec] = []
    static let outputs = ["data"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        try writeNumber(context.params.int("value") * context.params.int("size"), to: context.output("data"))
    }
}

/// Sums its inputs.
enum SumKind: StageKind {
    static let name = "test.sum"
    static let version = 1
    static let summary = "sums numbers"
    static let parameters: [ParamSpec] = []
    static let inputs = [InputSpec("parts", multiple: true, help: "numbers"), InputSpec("extra", optional: true, help: "one more")]
    static let outputs = ["total"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        let all = (context.inputs["parts"] ?? []) + (context.inputs["extra"] ?? [])
        try writeNumber(try all.map(readNumber).reduce(0, +), to: context.output("total"))
    }
}

/// The parity of its input: many inputs give the same output (early cut-off).
enum ParityKind: StageKind {
    static let name = "test.parity"
    static let version = 1
    static let summary = "parity of a number"
    static let parameters: [ParamSpec] = []
    static let inputs = [InputSpec("number", help: "a number")]
    static let outputs = ["parity"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        try writeNumber(try readNumber(context.input("number")) % 2, to: context.output("parity"))
    }
}

/// Two outputs, so references must name one.
enum PairKind: StageKind {
    static let name = "test.pair"
    static let version = 1
    static let summary = "two outputs"
    static let parameters = [ParamSpec("seed", .int, help: "required")]
    static let inputs: [InputSpec] = []
    static let outputs = ["left", "right"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        try writeNumber(context.params.int("seed"), to: context.output("left"))
        try writeNumber(-context.params.int("seed"), to: context.output("right"))
    }
}

/// Writes half its output and a checkpoint, then fails, like a stage killed mid-way.
enum FailingKind: StageKind {
    static let name = "test.failing"
    static let version = 1
    static let summary = "fails mid-way"
    static let parameters: [ParamSpec] = []
    static let inputs = [InputSpec("number", optional: true, help: "ignored")]
    static let outputs = ["data"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        try "partial".write(to: context.output("data"), atomically: false, encoding: .utf8)
        try "step 5".write(to: context.workDirectory.appendingPathComponent("checkpoint"), atomically: false, encoding: .utf8)
        throw StageError("simulated crash at step 5")
    }
}

/// Copies a repository file and records the active profile, like a figure stage.
enum TemplateKind: StageKind {
    static let name = "test.template"
    static let version = 1
    static let summary = "copies a file, labelled with the profile"
    static let parameters = [
        ParamSpec("template", .file, help: "a file of the repository"),
        .activeProfile("profile", help: "the active profile"),
    ]
    static let inputs: [InputSpec] = []
    static let outputs = ["text"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        let template = try String(contentsOf: context.rootDirectory.appendingPathComponent(context.params.string("template")),
                                  encoding: .utf8)
        try (context.params.string("profile") + ": " + template).write(to: context.output("text"), atomically: false, encoding: .utf8)
    }
}

/// A training-like kind with ranged parameters and rules between them, like the worlds' trainers.
enum TrainKind: StageKind {
    static let name = "test.train"
    static let version = 1
    static let summary = "ranged parameters and rules"
    static let parameters = [
        ParamSpec("batch", .int, default: .int(8), range: .atLeast(1), help: "sequences per step"),
        ParamSpec("checkpoint_every", .int, default: .int(32), range: .atLeast(1), help: "examples between checkpoints"),
        ParamSpec("examples", .int, default: .int(128), range: .closed(1, 1_000_000), help: "training examples"),
        ParamSpec("restart_at", .int, default: .int(0), range: .atLeast(0), help: "example to restart at"),
        ParamSpec("heads", .int, default: .int(2), range: .atLeast(1), help: "attention heads"),
        ParamSpec("width", .int, default: .int(16), range: .atLeast(1), help: "model width"),
        ParamSpec("lr", .double, default: .double(1e-3), range: .above(0), help: "learning rate"),
        ParamSpec("dropout", .double, default: .double(0), range: .halfOpen(0, 1), help: "dropout probability"),
        ParamSpec("noise", .doubleList, default: .list([]), range: .atLeast(0), help: "noise levels"),
        ParamSpec("seed", .int, default: .int(0), help: "unranged"),
    ]
    static let rules: [ParamRule] = [
        .divides("batch", "checkpoint_every"),
        .divides("heads", "width"),
        .less("restart_at", than: "examples"),
    ]
    static let inputs: [InputSpec] = []
    static let outputs = ["model"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        try writeNumber(context.params.int("batch"), to: context.output("model"))
    }
}

/// A run that may restart from another's kept state, like `lds.train`: its inputs require the
/// source to keep a state at `restart_at` (`InputRequirement`).
enum RestartKind: StageKind {
    static let name = "test.restart"
    static let version = 1
    static let summary = "restarts from a kept state"
    static let parameters = [
        ParamSpec("restart_at", .int, default: .int(0), range: .atLeast(0), help: "step to restart from"),
        ParamSpec("keep_at", .intList, default: .list([]), range: .atLeast(0), help: "steps whose state is kept"),
        ParamSpec("seed", .int, default: .int(0), help: "unranged"),
    ]
    static let inputs = [
        InputSpec("from", optional: true, help: "a run to restart from",
                  requires: .parameter("restart_at", in: "keep_at", so: "keeps its state at that step")),
        InputSpec("peers", multiple: true, optional: true, help: "runs that must keep the same step",
                  requires: .parameter("restart_at", in: "keep_at")),
    ]
    static let outputs = ["model"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        try writeNumber(context.params.int("restart_at"), to: context.output("model"))
    }
}

let testRegistry = StageRegistry([SourceKind.self, SumKind.self, ParityKind.self, PairKind.self, FailingKind.self,
                                  TemplateKind.self, TrainKind.self])

/// Digest of the whole file; the test kinds write plain text, so there is no provenance to stamp.
struct PlainFileSealer: ArtifactSealer {
    func seal(_ url: URL, provenance: Provenance) throws -> String { try digest(url) }

    func digest(_ url: URL) throws -> String { SHA256.hex([UInt8](try Data(contentsOf: url))) }
}

/// The pipeline most engine tests run: a source, its parity, a fan-out and a sum over both.
let fanInPipeline = """
profiles:
  smoke: { src.value: 5 }
stages:
  src:
    uses: test.source
    params: { value: 1, size: 5 }
  parity:
    uses: test.parity
    needs: { number: src }
  seeds:
    uses: test.source
    foreach: { value: [1, 2, 3] }
  total:
    uses: test.sum
    needs: { parts: ["seeds[*]", parity] }
"""

/// A scratch repository directory with a pipeline.yaml.
final class ScratchRepo {
    let root: URL
    var lines: [String] = []
    /// Where the engines this makes send progress; none unless a test listens.
    var progress: ProgressSink?

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ yaml: String) throws { try yaml.write(to: root.appendingPathComponent("pipeline.yaml"), atomically: true, encoding: .utf8) }

    func engine() -> Engine {
        Engine(root: root, registry: testRegistry, sealer: PlainFileSealer(), toolVersion: "test", progress: progress) { [weak self] in
            self?.lines.append($0)
        }
    }

    @discardableResult
    func repro(_ targets: [String] = [], force: Bool = false, downstream: Bool = false, profile: String = "default",
               dryRun: Bool = false) throws -> ReproSummary {
        var options = ReproOptions()
        options.targets = targets
        options.force = force
        options.downstream = downstream
        options.profile = profile
        options.dryRun = dryRun
        return try engine().repro(options)
    }

    var lockText: String { (try? String(contentsOf: root.appendingPathComponent("pipeline.lock"), encoding: .utf8)) ?? "" }
}
