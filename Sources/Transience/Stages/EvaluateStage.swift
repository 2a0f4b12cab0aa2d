import Artifacts
import Foundation
import Pipeline
import Transformer

/// `transience.evaluate`: every checkpoint of one or more `transience.train` runs on the
/// training distribution and the four evaluators of spec §1.3.
///
/// Figure table `curves` (`curves_<i>` for run i of several): per checkpoint `sequences`, then
/// `<set>_accuracy` for train, icl, iwl, ciwl and flip (in-context accuracy, chance 1/2;
/// IWL: plain accuracy over every label) and `<set>_loss` for the same sets.
public enum EvaluateStage: StageKind {
    public static let name = "transience.evaluate"
    public static let version = 1
    public static let summary = "Train, ICL, IWL, CIWL and Flip accuracy and loss at every checkpoint of transience runs"
    public static let parameters: [ParamSpec] = [
        ParamSpec("sequences", .int, default: .int(5_000), range: .closed(1, 1_000_000), help: "sequences per evaluator (paper's code: 5,000)"),
        ParamSpec("classes", .int, default: .int(1_600), range: .closed(3, 1_000_000),
                  help: "evaluators draw from the first this many classes (paper's code: 1,600)"),
        ParamSpec("exemplars", .int, default: .int(5), range: .closed(1, 10_000),
                  help: "... and the first this many exemplars of each (paper's code: 5)"),
        ParamSpec("batch", .int, default: .int(1_000), range: .closed(1, 65_536), help: "sequences per forward pass"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the evaluation sequences"),
    ]
    public static let inputs = [InputSpec("world", help: "transience.world artifact the runs trained on"),
                                InputSpec("run", multiple: true, help: "transience.train runs")]
    public static let outputs = ["metrics"]
    static let sets: [TransienceSet] = [.train, .icl, .iwl, .ciwl, .flip]
    public static let columns = ["sequences"] + sets.map { "\($0.rawValue)_accuracy" } + sets.map { "\($0.rawValue)_loss" }

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let world = try ClassWorld.read(from: context.input("world"))
        let urls = context.inputs["run"] ?? []
        let evaluations = sets.map {
            TransienceEvaluation(world: world, set: $0, count: p.int("sequences"), classes: p.int("classes"), exemplars: p.int("exemplars"),
                                 batchSize: p.int("batch"), seed: UInt64(bitPattern: Int64(p.int("seed"))))
        }
        let runs = try urls.map { url -> (TrainingRunArtifact, AttentionOnlyConfig) in
            let file = try ArtifactFile.open(url)
            defer { file.close() }
            return (try TrainingRunArtifact(url), try AttentionOnlyConfig(attributesOf: file))
        }
        context.progress.start(total: runs.reduce(0) { $0 + $1.0.counts.count }, unit: "checkpoints")
        let out = try ArtifactFile.create(context.output("metrics"))
        defer { out.close() }
        for (i, (artifact, config)) in runs.enumerated() {
            let model = try AttentionOnlyModel(config: config, seed: 0, threads: context.threads)
            var rows: [[Double]] = []
            for count in artifact.counts {
                try artifact.load(count, into: model)
                let results = try evaluations.map { try $0.run(model) }
                rows.append([Double(count)] + results.map(\.accuracy) + results.map(\.loss))
                context.progress.advance()
            }
            try out.writeTable(runs.count == 1 ? "curves" : "curves_\(i)", columns: columns, rows: rows)
        }
        context.progress.finish()
    }
}
