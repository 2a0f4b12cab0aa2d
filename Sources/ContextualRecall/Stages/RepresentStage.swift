import Artifacts
import Foundation
import Linalg
import Pipeline
import Transformer

/// `cr.represent`: paper 002's representation analysis of a finetuned model (spec B.7; Figs. 8,
/// 16, 17, 18), at the run's last checkpoint, on inputs X_{ℓ,t}: t = 0..N demonstrations
/// `[s, a^ℓ, sep]` then the query subject, K per attribute type, queries held out.
///
/// Figure tables:
/// - `clustering`, `t accuracy <site>...`: exact-match accuracy of the query's attribute and the
///   mean silhouette (cosine distance, clusters = attribute types) at each site, by t; sites
///   `l<i>_attention` (block i's attention output) and `l<i>_block` (block i's output), at the
///   last position;
/// - `cosine`, `t row column value`: C̄^t(ℓ, ℓ') of the last block's attention output, the
///   mean cosine over the K × K pairs of types ℓ and ℓ' (the diagonal includes k = k');
/// - `steering`, `beta target_type heldout original_rank target_rank`: with the last block's
///   attention output at the last position replaced by (1 - β) v_ℓ + β v_ℓ' (v the mean over K
///   full-length contexts of each type), the mean rank (1 = top) of the original answer
///   a_q^ℓ and of the target a_q^ℓ', over contexts and source types ℓ ≠ ℓ', by target type and
///   by whether the query subject was finetuned on;
/// - `setting`, `div`: the world's Div (row-mean l1), which the figures name.
public enum RepresentStage: StageKind {
    public static let name = "cr.represent"
    public static let version = 2
    public static let summary = "Silhouette and cosine matrices of a finetuned model's representations by attribute type, and steering by β"
    public static let parameters: [ParamSpec] = [
        ParamSpec("per_type", .int, default: .int(50), range: .closed(2, 100_000), help: "K sequences per attribute type (paper: 50)"),
        ParamSpec("betas", .doubleList, default: .list((0...10).map { ParamValue.double(Double($0) / 10) }), range: .closed(0, 1),
                  help: "steering weights β (paper: unstated; spec B.10: 0, 0.1, ..., 1)"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the input sequences"),
    ]
    public static let inputs = [InputSpec("world", help: "cr.world artifact the run trained on"),
                                InputSpec("run", help: "cr.finetune run; its last checkpoint is analysed")]
    public static let outputs = ["representations"]

    public static func run(_ context: StageContext) throws {
        let world = try RecallWorld.read(from: context.input("world"))
        let run = try RecallRun(context.input("run"))
        let model = try run.model(at: run.artifact.counts.last!, threads: context.threads)
        let K = context.params.int("per_type"), betas = context.params.doubles("betas")
        let seed = RNG(seed: UInt64(bitPattern: Int64(context.params.int("seed"))))
        let N = world.settings.iclExamples, layers = run.config.layers
        let probe = RepresentationProbe(world: world, model: model)
        context.progress.start(total: N + 2, unit: "passes")
        let file = try ArtifactFile.create(context.output("representations"))
        defer { file.close() }

        let heldOut = probe.contexts(perType: K, demonstrations: N, queries: world.heldOutSubjects, seed.derive("held-out"))
        var clustering: [[Double]] = [], cosine: [[Double]] = []
        for t in 0...N {
            let inputs = heldOut.truncated(to: t)
            let captured = try probe.capture(inputs)
            var row = [Double(t), captured.accuracy]
            for site in captured.sites { row.append(Silhouette.cosine(site, dimension: probe.width, labels: inputs.types)) }
            clustering.append(row)
            let last = captured.sites[2 * layers - 2]
            for (l, matrixRow) in probe.typeCosines(last, types: inputs.types).enumerated() {
                for (m, value) in matrixRow.enumerated() { cosine.append([Double(t), Double(l), Double(m), value]) }
            }
            context.progress.advance()
        }
        let siteNames = (1...layers).flatMap { ["l\($0)_attention", "l\($0)_block"] }
        try file.writeTable("clustering", columns: ["t", "accuracy"] + siteNames, rows: clustering)
        try file.writeTable("cosine", columns: ["t", "row", "column", "value"], rows: cosine)

        var steering: [[Double]] = []
        let seen = probe.contexts(perType: K, demonstrations: N, queries: world.finetuneSubjects(run.finetuneSubjects), seed.derive("seen"))
        for (flag, contexts) in [(0.0, seen), (1.0, heldOut)] {
            let vectors = try probe.typeMeans(contexts)
            for target in 0..<world.settings.types {
                for beta in betas {
                    let ranks = try probe.steer(contexts, means: vectors, target: target, beta: beta)
                    steering.append([beta, Double(target), flag, ranks.original, ranks.target])
                }
            }
            context.progress.advance()
        }
        try file.writeTable("steering", columns: ["beta", "target_type", "heldout", "original_rank", "target_rank"], rows: steering)
        try file.setAttribute("div_row_mean", .double(world.div.rowMean))
        try file.writeTable("setting", columns: ["div"], rows: [[world.div.rowMean]])
        context.progress.finish()
    }
}
