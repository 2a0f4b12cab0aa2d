import Artifacts
import Foundation
import Pipeline
import Transformer

/// `transience.analyze`: the circuit analyses of paper 003 §3 on one `transience.train` run.
///
/// Figure tables:
/// - `strength`: per analysed checkpoint `sequences`, then `strength_h<h>` per head of the last
///   layer: attention from the query to the label token shown with the query's class minus to
///   the other label token, on Flip data (Fig. 3a);
/// - `attention`: per head of the last layer at the end of training, on CIWL data, the query's
///   mean attention to positions 1-5 when the correct label is at position 2
///   (`at2_p1`..`at2_p5`) and at position 4 (`at4_p1`..) (Fig. 2a);
/// - `delta`: per clamped attention delta, `accuracy_h<h>`: CIWL in-context accuracy with only
///   that head of the last layer active and its query row clamped (Fig. 2b);
/// - `ablations`: one row, CIWL in-context accuracy under each ablation of spec E5;
/// - two layers only: `frozen_late`: per analysed checkpoint, in-context accuracy on train,
///   ICL, CIWL and Flip data with L2, the final layer norm and the unembedding taken from the
///   last checkpoint (Fig. 3b); `frozen_early_<i>`: from the i-th `freeze_at` checkpoint on,
///   with the embeddings and L1 taken from that checkpoint (Fig. 3c; root attribute
///   `frozen_early_counts` lists the checkpoints).
public enum AnalyzeStage: StageKind {
    public static let name = "transience.analyze"
    public static let version = 1
    public static let summary = "Attention, clamped-delta, frozen-part and ablation analyses of a transience run (paper 003 Figs. 2, 3)"
    public static let parameters: [ParamSpec] = [
        ParamSpec("sequences", .int, default: .int(5_000), range: .closed(1, 1_000_000),
                  help: "sequences per end-of-training analysis (paper: 5,000 CIWL sequences)"),
        ParamSpec("checkpoint_sequences", .int, default: .int(2_000), range: .closed(1, 1_000_000),
                  help: "sequences per set at each analysed checkpoint (Fig. 3)"),
        ParamSpec("every", .int, default: .int(1), range: .closed(1, 1_000_000), help: "analyse every this many checkpoints (and the last)"),
        ParamSpec("freeze_at", .doubleList, default: .list([.double(0.2125), .double(0.3875), .double(0.75)]), range: .closed(0, 1),
                  help: "Fig. 3c's freezing points as fractions of the run (paper's code: 4.25e6, 7.75e6, 1.5e7 of 2e7), at the nearest checkpoint"),
        ParamSpec("deltas", .int, default: .int(21), range: .closed(2, 1_001), help: "clamped attention deltas from -1 to 1 (Fig. 2b)"),
        ParamSpec("classes", .int, default: .int(1_600), range: .closed(3, 1_000_000), help: "evaluation sequences draw from the first this many classes"),
        ParamSpec("exemplars", .int, default: .int(5), range: .closed(1, 10_000), help: "... and the first this many exemplars of each"),
        ParamSpec("batch", .int, default: .int(1_000), range: .closed(1, 65_536), help: "sequences per forward pass"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the evaluation sequences"),
    ]
    public static let inputs = [InputSpec("world", help: "transience.world artifact the run trained on"),
                                InputSpec("run", help: "transience.train run")]
    public static let outputs = ["analysis"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let world = try ClassWorld.read(from: context.input("world"))
        let artifact = try TrainingRunArtifact(context.input("run"))
        let config = try {
            let file = try ArtifactFile.open(context.input("run"))
            defer { file.close() }
            return try AttentionOnlyConfig(attributesOf: file)
        }()
        let seed = UInt64(bitPattern: Int64(p.int("seed")))
        func evaluation(_ set: TransienceSet, _ count: Int) -> TransienceEvaluation {
            TransienceEvaluation(world: world, set: set, count: count, classes: p.int("classes"), exemplars: p.int("exemplars"),
                                 batchSize: p.int("batch"), seed: seed)
        }
        let probes = TransienceProbes(config: config)
        let model = try AttentionOnlyModel(config: config, seed: 0, threads: context.threads)
        let counts = artifact.counts.enumerated().filter { $0.offset % p.int("every") == 0 || $0.offset == artifact.counts.count - 1 }.map(\.element)
        let freezeCounts = config.layers >= 2 ? p.doubles("freeze_at").map { f in nearest(f * Double(artifact.counts.last!), in: artifact.counts) } : []
        let perCheckpoint = Dictionary(uniqueKeysWithValues: TransienceProbes.frozenSets.map { ($0, evaluation($0, p.int("checkpoint_sequences"))) })
        let frozenPasses = config.layers >= 2 ? 1 + freezeCounts.count : 0
        context.progress.start(total: counts.count * (1 + frozenPasses) + 1, unit: "analyses")

        let out = try ArtifactFile.create(context.output("analysis"))
        defer { out.close() }
        let finalParameters = try artifact.parameters(at: artifact.counts.last!)
        var strength: [[Double]] = []
        for count in counts {
            try artifact.load(count, into: model)
            strength.append([Double(count)] + (try perCheckpoint[.flip]!.run(model).strength))
            context.progress.advance()
        }
        try out.writeTable("strength", columns: ["sequences"] + (0..<config.heads).map { "strength_h\($0)" }, rows: strength)

        if config.layers >= 2 {
            let columns = ["sequences"] + TransienceProbes.frozenSets.map { "\($0.rawValue)_accuracy" }
            func frozenRows(_ checkpoints: [Int], donor: [Float], which: (String) -> Bool) throws -> [[Double]] {
                try checkpoints.map { count in
                    try artifact.load(count, into: model)
                    probes.splice(donor, into: model, where: which)
                    let row = [Double(count)] + (try TransienceProbes.frozenSets.map { try perCheckpoint[$0]!.run(model).accuracy })
                    context.progress.advance()
                    return row
                }
            }
            try out.writeTable("frozen_late", columns: columns, rows: try frozenRows(counts, donor: finalParameters, which: probes.isLateTensor))
            for (i, freeze) in freezeCounts.enumerated() {
                let donor = try artifact.parameters(at: freeze)
                let later = counts.filter { $0 >= freeze }
                try out.writeTable("frozen_early_\(i)", columns: columns, rows: try frozenRows(later, donor: donor, which: probes.isEarlyTensor))
                context.progress.advance(by: counts.count - later.count)
            }
            try out.setAttribute("frozen_early_counts", .string(freezeCounts.map(String.init).joined(separator: " ")))
        }

        try model.setParameters(finalParameters)
        let ciwl = evaluation(.ciwl, p.int("sequences"))
        let attention = try ciwl.run(model).queryAttention
        let T = FewShotBatch.length
        try out.writeTable("attention", columns: ["head"] + [2, 4].flatMap { at in (1...T).map { "at\(at)_p\($0)" } },
                           rows: (0..<config.heads).map { h in [Double(h)] + attention[1]![h] + attention[3]![h] })
        let n = p.int("deltas")
        let deltas = (0..<n).map { -1 + 2 * Double($0) / Double(n - 1) }
        try out.writeTable("delta", columns: ["delta"] + (0..<config.heads).map { "accuracy_h\($0)" },
                           rows: try probes.deltaRows(model, on: ciwl, deltas: deltas))
        let ablations = try probes.ablations(model, on: ciwl)
        try out.writeTable("ablations", columns: ablations.columns, rows: [ablations.row])
        context.progress.advance()
        context.progress.finish()
    }

    /// The checkpoint closest to `target` (the earlier one on a tie).
    static func nearest(_ target: Double, in counts: [Int]) -> Int {
        counts.min { abs(Double($0) - target) < abs(Double($1) - target) }!
    }
}
