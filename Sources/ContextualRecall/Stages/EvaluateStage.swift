import Artifacts
import Foundation
import Pipeline
import Transformer

/// `cr.evaluate`: the four metrics (overall and per type) of every checkpoint of one or more
/// runs on PT, ICL seen / held-out and ICL+Grm (S_ft = 1) seen / held-out sequences (spec B.5,
/// B.9). Several runs (a `foreach` sweep of cr.finetune, Fig. 5) go into one artifact because
/// a fan-out consumer receives every instance of its producer.
///
/// Figure tables: per run and set (`pt`, `icl_seen`, `icl_heldout`, `grm1_seen`,
/// `grm1_heldout`), columns `iteration exact type subject attribute` then `<metric>_t<l>` per
/// type, named `<set>` for a single run and `<set>_<i>` for run i of several; and `best`, one
/// row per run, `ft_subjects mode seed exact type subject attribute`: the best ICL held-out
/// value of each metric over the run's checkpoints (Fig. 5; mode 0 pretrain, 1 icl, 2 icl-grm).
/// Root attributes name the world: `subjects`, `grammar_length`, `div_row_mean` (Figs. 6, 7).
public enum EvaluateStage: StageKind {
    public static let name = "cr.evaluate"
    public static let version = 3
    public static let summary = "Exact / type / subject / attribute match at every checkpoint of cr runs on PT, ICL and ICL+Grm sets"
    public static let parameters = RecallParameters.evaluation
    public static let inputs = [InputSpec("world", help: "cr.world artifact the runs trained on"),
                                InputSpec("run", multiple: true, help: "cr.pretrain or cr.finetune runs")]
    public static let outputs = ["metrics"]
    static let modes = ["pretrain", "icl", "icl-grm"]
    public static let bestColumns = ["ft_subjects", "mode", "seed"] + RecallMetrics.names

    public static func run(_ context: StageContext) throws {
        let p = RecallParameters(context: context)
        let world = try RecallWorld.read(from: context.input("world"))
        let urls = context.inputs["run"] ?? []
        let runs = try urls.map { try RecallRun($0) }
        let sequences = p.params.int("sequences"), batch = p.params.int("batch")
        let threads = context.threads
        context.progress.start(total: runs.reduce(0) { $0 + $1.artifact.counts.count }, unit: "checkpoints")
        let file = try ArtifactFile.create(context.output("metrics"))
        defer { file.close() }
        var best: [[Double]] = []
        for (i, (run, url)) in zip(runs, urls).enumerated() {
            guard let mode = modes.firstIndex(of: run.mode) else {
                throw RecallError.artifact(file: url.path, reason: "mode \(run.mode) is not one of \(modes)")
            }
            let sets = EvaluationSet.standard(world: world, finetuneSubjects: run.finetuneSubjects, sequences: sequences,
                                              batchSize: batch, seed: p.seed)
            let tables = try evaluate(run, sets: sets, world: world, threads: threads, progress: context.progress)
            let L = world.settings.types
            let columns = ["iteration"] + RecallMetrics.names + RecallMetrics.names.flatMap { m in (0..<L).map { "\(m)_t\($0)" } }
            for (set, rows) in zip(sets, tables) {
                try file.writeTable(runs.count == 1 ? set.name : "\(set.name)_\(i)", columns: columns, rows: rows)
            }
            let heldOut = tables[sets.firstIndex { $0.name == "icl_heldout" }!]
            best.append([Double(run.finetuneSubjects), Double(mode), Double(run.seed)]
                        + (1...RecallMetrics.names.count).map { c in heldOut.map { $0[c] }.max() ?? 0 })
        }
        context.progress.finish()
        try file.writeTable("best", columns: bestColumns, rows: best)
        try file.setAttribute("div_row_mean", .double(world.div.rowMean))
        try file.setAttribute("subjects", .int(Int64(world.settings.subjects)))
        try file.setAttribute("grammar_length", .int(Int64(world.settings.grammarLength)))
    }

    /// Rows `iteration overall... perType...` per checkpoint, one table per set.
    static func evaluate(_ run: RecallRun, sets: [EvaluationSet], world: RecallWorld, threads: Int,
                         progress: ProgressReporter) throws -> [[[Double]]] {
        let model = try GPTModel(config: run.config, seed: 0, threads: threads)
        var tables = [[[Double]]](repeating: [], count: sets.count)
        for (count, iteration) in zip(run.artifact.counts, run.artifact.steps) {
            try run.artifact.load(count, into: model)
            for (s, set) in sets.enumerated() {
                let metrics = try set.score(model, world: world)
                tables[s].append([Double(iteration)] + metrics.overall + metrics.perType.flatMap { $0 })
            }
            progress.advance()
        }
        return tables
    }
}
