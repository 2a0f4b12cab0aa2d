import Artifacts
import Foundation
import Linalg
import Pipeline
import Transformer

/// `cr.relation-analyze`: what paper 002 §4's figures show of a pretraining run and its
/// finetuning (spec B.8), as figure tables:
/// - `pt_attention` / `ft_attention`, columns `head query key weight`: each head's attention
///   over one PT sequence after pretraining (Figs. 9, 22) and one ICL sequence after finetuning
///   (Figs. 11, 25); `pt_tokens` / `ft_tokens`, `position class` (0 subject, 1 grammar,
///   2 relation, 3 separator, 4 attribute), say what sits where;
/// - `cosines`, `head pt_subject pt_relation ft_subject ft_relation`: the mean cosine of each
///   head's logit contribution at the last position with the constructions' f_subj (-1 on every
///   attribute not of the subject) and f_rel (+1 on every attribute of the type asked for),
///   after pretraining on PT sequences and after finetuning on ICL sequences (Figs. 10, 12, 23, 26);
/// - `ov_pt` / `ov_ft`, `head row column value`: each head's W_OV = W_O^T W_V on 37 tokens (8
///   subjects, 8 values of each of the first two types, 4 grammar tokens and the separator,
///   8 relation tokens; Figs. 20, 21);
/// - `ft_seen` / `ft_heldout`, `iteration exact type subject attribute`: the four metrics on ICL
///   sequences whose query is a finetuning subject or a held-out one, at every checkpoint of the
///   finetuning run (Figs. 19, 24); `pt_metrics`: the same on PT sequences after pretraining;
/// - `setting`, `absolute_positions type1_values`: what the figure titles say about the run.
/// Heads are named by role from their cosines after pretraining (root attributes
/// `subject_head`, `relation_head`), not by index: the paper's numbering is inconsistent.
public enum RelationAnalyzeStage: StageKind {
    public static let name = "cr.relation-analyze"
    public static let version = 1
    public static let summary = "Attention maps, head cosines with the constructions, W_OV slices and finetuning curves of a §4 run pair"
    public static let parameters = RecallParameters.evaluation
    public static let inputs = [InputSpec("world", help: "cr.relation-world artifact"),
                                InputSpec("pretrain", help: "cr.relation-train run in pretrain mode"),
                                InputSpec("finetune", help: "cr.relation-train run in finetune mode, from that pretraining")]
    public static let outputs = ["analysis"]
    static let metricColumns = ["iteration"] + RecallMetrics.names

    public static func run(_ context: StageContext) throws {
        let world = try RelationWorld.read(from: context.input("world"))
        let pretrain = try RelationRun(context.input("pretrain")), finetune = try RelationRun(context.input("finetune"))
        let p = context.params, threads = context.threads
        let seed = RNG(seed: UInt64(bitPattern: Int64(p.int("seed"))))
        let count = p.int("sequences"), batch = p.int("batch")
        let pt = RelationEvaluationSet.pretraining(world, count: count, batch: batch, seed.derive("pt"))
        let seen = RelationEvaluationSet.inContext(world, queries: finetune.finetuneSubjects,
                                                   demonstrations: finetune.demonstrations, count: count, batch: batch, seed.derive("icl-seen"))
        let heldOut = RelationEvaluationSet.inContext(world, queries: world.heldOutSubjects, demonstrations: finetune.demonstrations,
                                                      count: count, batch: batch, seed.derive("icl-heldout"))
        context.progress.start(total: finetune.artifact.counts.count + 2, unit: "checkpoints")
        let file = try ArtifactFile.create(context.output("analysis"))
        defer { file.close() }

        try file.writeTable("setting", columns: ["absolute_positions", "type1_values"],
                            rows: [[pretrain.config.positions == .absolute ? 1 : 0, Double(world.vocabulary.valueCounts[0])]])
        let pretrained = try pretrain.model(at: pretrain.artifact.counts.last!, threads: threads)
        let ptProbe = try pt.probe(pretrained, world: world)
        try file.writeTable("pt_metrics", columns: RecallMetrics.names, rows: [ptProbe.metrics.overall])
        try writeAttention(pretrained, set: pt, world: world, table: "pt", to: file)
        try writeOV(pretrained, world: world, table: "ov_pt", to: file)
        context.progress.advance()

        var seenRows: [[Double]] = [], heldOutRows: [[Double]] = []
        var finalProbe: RelationEvaluationSet.Probe?
        for (checkpoint, iteration) in zip(finetune.artifact.counts, finetune.artifact.steps) {
            let model = try finetune.model(at: checkpoint, threads: threads)
            let probe = try seen.probe(model, world: world)
            seenRows.append([Double(iteration)] + probe.metrics.overall)
            heldOutRows.append([Double(iteration)] + (try heldOut.probe(model, world: world)).metrics.overall)
            finalProbe = probe
            context.progress.advance()
        }
        try file.writeTable("ft_seen", columns: metricColumns, rows: seenRows)
        try file.writeTable("ft_heldout", columns: metricColumns, rows: heldOutRows)
        let finetuned = try finetune.model(at: finetune.artifact.counts.last!, threads: threads)
        try writeAttention(finetuned, set: seen, world: world, table: "ft", to: file)
        try writeOV(finetuned, world: world, table: "ov_ft", to: file)

        let cosines = (0..<pretrain.config.heads).map { h in
            [Double(h), ptProbe.subjectCosine[h], ptProbe.relationCosine[h], finalProbe!.subjectCosine[h], finalProbe!.relationCosine[h]]
        }
        try file.writeTable("cosines", columns: ["head", "pt_subject", "pt_relation", "ft_subject", "ft_relation"], rows: cosines)
        let subjectHead = ptProbe.subjectCosine.indices.max { ptProbe.subjectCosine[$0] < ptProbe.subjectCosine[$1] }!
        let relationHead = ptProbe.relationCosine.indices.max { ptProbe.relationCosine[$0] < ptProbe.relationCosine[$1] }!
        try file.setAttribute("subject_head", .int(Int64(subjectHead)))
        try file.setAttribute("relation_head", .int(Int64(relationHead)))
        context.progress.advance()
        context.progress.finish()
    }

    /// Every head's attention over the set's first sequence, and what each position holds.
    private static func writeAttention(_ model: OneHotAttentionModel, set: RelationEvaluationSet, world: RelationWorld,
                                       table: String, to file: ArtifactFile) throws {
        let T = set.length
        let first = Array(set.inputs[0..<T])
        try first.withUnsafeBufferPointer { try model.forward(.tokens($0), batch: 1, length: T) }
        var rows: [[Double]] = []
        for h in 0..<model.config.heads {
            let att = try model.attention(head: h, sequence: 0)
            for t in 0..<T { for j in 0..<T { rows.append([Double(h), Double(t), Double(j), Double(att[t * T + j])]) } }
        }
        try file.writeTable("\(table)_attention", columns: ["head", "query", "key", "weight"], rows: rows)
        try file.writeTable("\(table)_tokens", columns: ["position", "class"],
                            rows: first.enumerated().map { [Double($0), Double(tokenClass($1, world))] })
    }

    static func tokenClass(_ token: Int32, _ world: RelationWorld) -> Int {
        let v = world.vocabulary, t = Int(token)
        if t < v.subjects { return 0 }
        if t < v.grammarOffset { return 4 }
        if token == v.separator { return 3 }
        if t >= v.size { return 2 }
        return 1
    }

    /// The 37 tokens of the W_OV slices: 8 subjects, 8 values of each of the first two types,
    /// 4 grammar tokens and the separator, 8 relation tokens (fewer where the world has fewer).
    static func sliceTokens(_ world: RelationWorld) -> [Int] {
        let v = world.vocabulary
        var tokens = (0..<min(8, v.subjects)).map { Int(v.subject($0)) }
        for l in 0..<min(2, world.types) { tokens += (0..<min(8, v.valueCounts[l])).map { Int(v.value($0, ofType: l)) } }
        tokens += (0..<min(4, v.grammarTokens)).map { Int(v.grammar($0)) } + [Int(v.separator)]
        tokens += (0..<min(8, world.types)).map { Int(world.relation($0)) }
        return tokens
    }

    private static func writeOV(_ model: OneHotAttentionModel, world: RelationWorld, table: String, to file: ArtifactFile) throws {
        let tokens = sliceTokens(world), D = model.config.headSize, C = model.config.heads * D
        let output = model.values(of: model.tensor(named: "output")!), value = model.values(of: model.tensor(named: "value")!)
        var rows: [[Double]] = []
        for h in 0..<model.config.heads {
            for (r, v) in tokens.enumerated() {
                for (c, a) in tokens.enumerated() {
                    var sum: Float = 0
                    for i in 0..<D { sum += output[v * C + h * D + i] * value[a * C + h * D + i] }
                    rows.append([Double(h), Double(r), Double(c), Double(sum)])
                }
            }
        }
        try file.writeTable(table, columns: ["head", "row", "column", "value"], rows: rows)
    }
}
