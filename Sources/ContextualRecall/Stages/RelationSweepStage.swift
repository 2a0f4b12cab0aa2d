import Artifacts
import Foundation
import Linalg
import Pipeline

/// `cr.relation-sweep`: paper 002 Figs. 13 and 14 for one pretraining run of §4's model and the
/// finetuning runs made from it (a `foreach` over finetuning subjects and `unique_values`).
/// Figure tables:
/// - `heldout`, `ft_subjects unique_seen exact type subject attribute`: one row per finetuning
///   run, the four metrics on ICL sequences with held-out query subjects at its last checkpoint,
///   against the distinct values per type its subjects held (Fig. 13);
/// - `pt_cosines`, `head subject relation`: each head's mean cosine with f_subj and f_rel on PT
///   sequences after pretraining (Fig. 14 left);
/// - `curve`, `iteration exact type subject attribute`: held-out ICL metrics at every checkpoint
///   of the run with `curve_subjects` subjects and the most distinct values (Fig. 14 right);
/// - `setting`, `pt_subjects curve_subjects curve_unique_seen`: what the titles say.
public enum RelationSweepStage: StageKind {
    public static let name = "cr.relation-sweep"
    public static let version = 1
    public static let summary = "Held-out ICL accuracy of §4 finetuning runs vs distinct values seen, and the pretrained heads' cosines (Figs. 13, 14)"
    public static let parameters = RecallParameters.evaluation + [
        ParamSpec("curve_subjects", .int, default: .int(32), range: .closed(1, WorldStage.maxSubjects),
                  help: "finetuning subjects of the run whose held-out curve Fig. 14 shows (paper: 32)"),
    ]
    public static let inputs = [InputSpec("world", help: "cr.relation-world artifact"),
                                InputSpec("pretrain", help: "cr.relation-train run in pretrain mode"),
                                InputSpec("finetune", multiple: true, help: "cr.relation-train runs in finetune mode, from that pretraining")]
    public static let outputs = ["sweep"]

    public static func run(_ context: StageContext) throws {
        let world = try RelationWorld.read(from: context.input("world"))
        let pretrain = try RelationRun(context.input("pretrain"))
        let urls = context.inputs["finetune"] ?? []
        let runs = try urls.map { try RelationRun($0) }
        let stage = RecallParameters(context: context), p = context.params, threads = context.threads
        let curveSubjects = p.int("curve_subjects")
        for (run, url) in zip(runs, urls) where run.mode != "finetune" {
            throw RecallError.artifact(file: url.path, reason: "input finetune is a \(run.mode) run")
        }
        guard let curveRun = runs.filter({ $0.finetuneSubjects.count == curveSubjects }).max(by: { $0.uniqueValuesSeen < $1.uniqueValuesSeen }) else {
            throw stage.invalid("curve_subjects", "\(curveSubjects)", "matches no finetune input's number of subjects")
        }
        let seed = RNG(seed: stage.seed)
        let count = p.int("sequences"), batch = p.int("batch")
        let heldOut = RelationEvaluationSet.inContext(world, queries: world.heldOutSubjects, demonstrations: curveRun.demonstrations,
                                                      count: count, batch: batch, seed.derive("icl-heldout"))
        context.progress.start(total: runs.count + curveRun.artifact.counts.count + 1, unit: "checkpoints")
        let file = try ArtifactFile.create(context.output("sweep"))
        defer { file.close() }

        let pt = RelationEvaluationSet.pretraining(world, count: count, batch: batch, seed.derive("pt"))
        let ptProbe = try pt.probe(try pretrain.model(at: pretrain.artifact.counts.last!, threads: threads), world: world)
        try file.writeTable("pt_cosines", columns: ["head", "subject", "relation"],
                            rows: (0..<pretrain.config.heads).map { [Double($0), ptProbe.subjectCosine[$0], ptProbe.relationCosine[$0]] })
        context.progress.advance()

        var rows: [[Double]] = []
        for run in runs {
            let probe = try heldOut.probe(try run.model(at: run.artifact.counts.last!, threads: threads), world: world)
            rows.append([Double(run.finetuneSubjects.count), run.uniqueValuesSeen] + probe.metrics.overall)
            context.progress.advance()
        }
        rows.sort { ($0[0], $0[1]) < ($1[0], $1[1]) }
        try file.writeTable("heldout", columns: ["ft_subjects", "unique_seen"] + RecallMetrics.names, rows: rows)

        var curve: [[Double]] = []
        for (checkpoint, iteration) in zip(curveRun.artifact.counts, curveRun.artifact.steps) {
            let probe = try heldOut.probe(try curveRun.model(at: checkpoint, threads: threads), world: world)
            curve.append([Double(iteration)] + probe.metrics.overall)
            context.progress.advance()
        }
        try file.writeTable("curve", columns: RelationAnalyzeStage.metricColumns, rows: curve)
        try file.writeTable("setting", columns: ["pt_subjects", "curve_subjects", "curve_unique_seen"],
                            rows: [[Double(world.vocabulary.subjects), Double(curveSubjects), curveRun.uniqueValuesSeen]])
        context.progress.finish()
    }
}
