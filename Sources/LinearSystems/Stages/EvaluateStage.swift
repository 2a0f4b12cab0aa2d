import Artifacts
import Foundation
import Linalg
import Pipeline
import Transformer

/// `lds.evaluate`: scores every checkpoint of an `lds.train` run on the `EvaluationSuite`.
///
/// Output tables `tables/<set>` (Float64 [checkpoints, 1 + 6 x indices], `columns` attribute,
/// see `EvaluationSuite.columns`): per checkpoint, q25/q50/q75 of the squared error
/// ‖x̂ - x‖² at each index, then the pseudoinverse's quartiles on the same traces (repeated on
/// every row, so that scripts plot both against examples). Root attributes `mode` and
/// `restart_at` are copied from the run.
public enum EvaluateStage: StageKind {
    public static let name = "lds.evaluate"
    public static let version = 2
    public static let summary = "squared-error quartiles of every checkpoint on training, backstoried, held-out and recall needle traces"
    public static let parameters: [ParamSpec] = [
        ParamSpec("train_systems", .int, default: .int(256), range: .closed(1, 10_000_000),
                  help: "training systems scored, one trace each (spec: min(K, 5000))"),
        ParamSpec("configs", .int, default: .int(10), range: .closed(1, 100_000), help: "held-out configurations (paper: 50)"),
        ParamSpec("states", .int, default: .int(100), range: .closed(1, 100_000),
                  help: "initial states per held-out configuration (paper: 1000)"),
        ParamSpec("recall_n", .intList, default: .list([.int(1), .int(5)]), range: .closed(1, Double(NeedleTraceSet.maxHaystack)),
                  help: "haystack sizes N for recall (paper: 1...19)"),
        ParamSpec("seed", .int, default: .int(0), help: "label permutations of the trace sets (same for every run)"),
    ]
    public static let inputs = [
        InputSpec("run", help: "lds.train output"),
        InputSpec("library", help: "lds.library output the run was trained on"),
    ]
    public static let outputs = ["evaluation"]

    public static func run(_ context: StageContext) throws {
        let p = context.params, threads = context.threads
        let train: SystemLibrary, test: SystemLibrary
        do {
            let file = try ArtifactFile.open(context.input("library"))
            defer { file.close() }
            train = try SystemLibrary.read(from: file, group: "train")
            test = try SystemLibrary.read(from: file, group: "test")
        }
        let suite = try EvaluationSuite(train: train, test: test, trainSystems: p.int("train_systems"),
                                        configurations: p.int("configs"), states: p.int("states"),
                                        recallHaystacks: p.ints("recall_n"),
                                        seed: RNG(seed: UInt64(bitPattern: Int64(p.int("seed")))))
        let run = try TrainingRunArtifact(context.input("run"))
        let model: GPTModel
        do {
            let file = try ArtifactFile.open(run.url)
            defer { file.close() }
            model = try GPTModel(config: try ModelConfig(attributesOf: file), seed: 0, threads: threads)
        }
        context.progress.start(total: run.counts.count, unit: "checkpoints")
        let baselines = suite.entries.map { ScoredPositions.quartiles(ScoredPositions.pseudoinverse(on: $0.set, positions: $0.positions)) }
        var rows = [[[Double]]](repeating: [], count: suite.entries.count)
        for examples in run.counts {
            try run.load(examples, into: model)
            for (e, entry) in suite.entries.enumerated() {
                let q = ScoredPositions.quartiles(try ScoredPositions.model(model, on: entry.set, positions: entry.positions,
                                                                            threads: threads))
                rows[e].append([Double(examples)] + q.flatMap { [$0.q25, $0.q50, $0.q75] }
                               + baselines[e].flatMap { [$0.q25, $0.q50, $0.q75] })
            }
            context.progress.advance()
        }
        context.progress.finish()

        let file = try ArtifactFile.create(context.output("evaluation"))
        defer { file.close() }
        for (e, entry) in suite.entries.enumerated() {
            try file.writeTable(entry.name, columns: EvaluationSuite.columns(indices: entry.indices), rows: rows[e])
            try file.setAttribute("traces", .int(Int64(entry.set.traceCount)), at: FigureTable.path(entry.name))
        }
        let source = try ArtifactFile.open(run.url)
        defer { source.close() }
        for key in ["mode", "restart_at"] {
            if let value = try source.attribute(key) { try file.setAttribute(key, value) }
        }
    }
}
