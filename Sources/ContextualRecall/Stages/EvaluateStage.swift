import Artifacts
import Pipeline

/// `cr.evaluate`: the four metrics (overall and per type) of every checkpoint of a run on PT,
/// ICL seen / held-out and ICL+Grm (S_ft = 1) seen / held-out sequences (spec B.5, B.9).
///
/// Figure tables: one per set (`pt`, `icl_seen`, `icl_heldout`, `grm1_seen`, `grm1_heldout`)
/// with columns `iteration exact type subject attribute` then `<metric>_t<l>` per type; and
/// `best`, one row `ft_subjects mode exact type subject attribute`: the best ICL held-out value
/// of each metric over the checkpoints (Fig. 5; mode 0 pretrain, 1 icl, 2 icl-grm).
public enum EvaluateStage: StageKind {
    public static let name = "cr.evaluate"
    public static let version = 1
    public static let summary = "Exact / type / subject / attribute match at every checkpoint of a cr run on PT, ICL and ICL+Grm sets"
    public static let parameters: [ParamSpec] = [
        ParamSpec("sequences", .int, default: .int(512), help: "evaluation sequences per set (spec B.10: 2048)"),
        ParamSpec("batch", .int, default: .int(64), help: "sequences per forward pass"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the evaluation sequences (the same for every checkpoint)"),
        ParamSpec("threads", .int, default: .int(2), help: "worker threads (results do not depend on it)"),
    ]
    public static let inputs = [InputSpec("world", help: "cr.world artifact the run trained on"),
                                InputSpec("run", help: "cr.pretrain or cr.finetune run")]
    public static let outputs = ["metrics"]
    static let modes = ["pretrain", "icl", "icl-grm"]

    public static func run(_ context: StageContext) throws {
        let p = RecallParameters(context: context)
        let world = try RecallWorld.read(from: context.input("world"))
        let run = try RunArtifact.read(from: context.input("run"))
        guard let mode = modes.firstIndex(of: run.mode) else {
            throw RecallError.artifact(file: context.input("run").path, reason: "mode \(run.mode) is not one of \(modes)")
        }
        let sets = EvaluationSet.standard(world: world, finetuneSubjects: run.finetuneSubjects, sequences: try p.int("sequences", atLeast: 1),
                                          batchSize: try p.int("batch", atLeast: 1), seed: p.seed)
        let model = try run.model(checkpoint: 0, threads: try p.int("threads", atLeast: 1))
        var rows = [[[Double]]](repeating: [], count: sets.count)
        context.progress.start(total: run.iterations.count, unit: "checkpoints")
        for (k, iteration) in run.iterations.enumerated() {
            run.load(checkpoint: k, into: model)
            for (s, set) in sets.enumerated() {
                let metrics = try set.score(model, world: world)
                rows[s].append([Double(iteration)] + metrics.overall + metrics.perType.flatMap { $0 })
            }
            context.progress.advance()
        }
        context.progress.finish()
        let L = world.settings.types
        let columns = ["iteration"] + RecallMetrics.names + RecallMetrics.names.flatMap { m in (0..<L).map { "\(m)_t\($0)" } }
        let file = try ArtifactFile.create(context.output("metrics"))
        defer { file.close() }
        for (s, set) in sets.enumerated() { try file.writeTable(set.name, columns: columns, rows: rows[s]) }
        let heldOut = rows[sets.firstIndex { $0.name == "icl_heldout" }!]
        let best = (1...RecallMetrics.names.count).map { c in heldOut.map { $0[c] }.max() ?? 0 }
        try file.writeTable("best", columns: ["ft_subjects", "mode"] + RecallMetrics.names,
                            rows: [[Double(run.finetuneSubjects), Double(mode)] + best])
        try file.setAttribute("div_row_mean", .double(world.div.rowMean))
    }
}
