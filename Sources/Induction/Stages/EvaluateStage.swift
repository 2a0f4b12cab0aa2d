import Artifacts
import Foundation
import Pipeline
import Transformer

/// `induction.evaluate`: every checkpoint of one or more `induction.train` runs, evaluated as
/// thesis ch. 4 does (each run with its own L2 heads active, without its training clamp).
///
/// Figure tables, named `<table>` for one run and `<table>_<i>` for run i of several:
/// - `curves`: per checkpoint `sequences`, loss and accuracy on `train`, `exemplars` and
///   `relabel` samples, `strength_h<h>` per L2 head, the loss change when the L1 -> output or
///   L2 -> output path is removed (patterns and values kept, Fig. 4.4), and the loss with the
///   previous-token pattern perfected on L1 `pt_head` or the induction pattern on L2
///   `ih_head` (progress measures, Fig. 4.8);
/// - `train_loss`: the training loss averaged over bins of `loss_bin` sequences;
/// - `heads`: at the last checkpoint, per L2 head, its induction strength and the train
///   accuracy with that head ablated and with only that head kept (Fig. 4.5a);
/// - `final`: one row per run (see `finalColumns`); `train_accuracy_all` is over every distinct
///   training sequence when there are at most `maxEnumerated`, else over the training sample
///   (root attributes `training_sequences` and `train_accuracy_all_is`).
public enum EvaluateStage: StageKind {
    public static let name = "induction.evaluate"
    public static let version = 2
    public static let summary = "Losses, accuracies, induction strengths, path ablations and progress measures at every checkpoint of induction runs"
    public static let parameters: [ParamSpec] = [
        ParamSpec("sequences", .int, default: .int(2048), range: .closed(1, 1_000_000), help: "sequences per evaluation set"),
        ParamSpec("batch", .int, default: .int(512), range: .closed(1, 65_536), help: "sequences per forward pass"),
        ParamSpec("loss_bin", .int, default: .int(10_000), range: .closed(1, 1e10), help: "sequences per point of the training-loss curve"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the evaluation sequences"),
    ]
    public static let inputs = [InputSpec("world", help: "induction.world artifact the runs trained on"),
                                InputSpec("run", multiple: true, help: "induction.train runs")]
    public static let outputs = ["metrics"]
    /// The most distinct training sequences the final accuracy enumerates.
    static let maxEnumerated = 200_000
    public static let finalColumns = ["only_head", "clamp", "seed", "train_accuracy_all", "exemplars_accuracy", "relabel_accuracy",
                                      "plateau_loss", "learning_time"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let world = try FewShotWorld.read(from: context.input("world"))
        let runs = try (context.inputs["run"] ?? []).map(InductionRun.init)
        let seed = UInt64(bitPattern: Int64(p.int("seed"))), n = p.int("sequences"), batch = p.int("batch")
        let sets = FewShotSplit.allCases.map { FewShotEvaluation(world: world, sequences: FewShotEvaluation.draw($0, count: n, world: world, seed: seed), batchSize: batch) }
        // Every distinct training sequence when there are few enough (78,400 in the thesis's
        // world); larger worlds report the training sample's accuracy instead.
        let enumerable = world.trainingSequenceCount <= maxEnumerated
        let everything = enumerable ? FewShotEvaluation(world: world, sequences: FewShotSequence.allTraining(world), batchSize: batch) : sets[0]
        context.progress.start(total: runs.reduce(0) { $0 + $1.artifact.counts.count }, unit: "checkpoints")
        let file = try ArtifactFile.create(context.output("metrics"))
        defer { file.close() }
        var finals: [[Double]] = []
        for (i, run) in runs.enumerated() {
            let suffix = runs.count == 1 ? "" : "_\(i)"
            let model = try AttentionOnlyModel(config: run.config, seed: 0, threads: context.threads)
            let probes = CheckpointProbes(run: run)
            var curves: [[Double]] = []
            for count in run.artifact.counts {
                try run.artifact.load(count, into: model)
                curves.append([Double(count)] + (try probes.curveRow(model, sets: sets)))
                context.progress.advance()
            }
            try file.writeTable("curves" + suffix, columns: probes.curveColumns, rows: curves)
            let binned = try binnedTrainingLoss(run, bin: p.int("loss_bin"))
            try file.writeTable("train_loss" + suffix, columns: ["sequences", "loss"], rows: binned)
            try file.writeTable("heads" + suffix, columns: ["head", "strength", "accuracy_without", "accuracy_alone"],
                                rows: try probes.headRows(model, on: sets[0]))
            let all = try everything.run(model) { _ in probes.plain }
            let last = curves.last!
            finals.append([Double(run.settings.onlyHead ?? -1), Double(CircuitClamp.allCases.firstIndex(of: run.settings.clamp)!),
                           Double(run.settings.seed), all.accuracy, last[4], last[6]] + plateau(binned))
        }
        context.progress.finish()
        try file.writeTable("final", columns: finalColumns, rows: finals)
        try file.setAttribute("training_sequences", .int(Int64(everything.sequences.count)))
        try file.setAttribute("train_accuracy_all_is", .string(enumerable ? "every distinct training sequence" : "the training sample"))
    }

    /// Mean training loss per bin of `bin` sequences: `[sequences at the bin's end, loss]`.
    static func binnedTrainingLoss(_ run: InductionRun, bin: Int) throws -> [[Double]] {
        let table = try run.artifact.lossTable()
        let columns = table.shape[1], rows = table.shape[0]
        var out: [[Double]] = [], sum = 0.0, k = 0, binEnd = bin
        for r in 0..<rows {
            let seen = table.values[r * columns + 1], loss = table.values[r * columns + 2]
            sum += loss; k += 1
            if Int(seen) >= binEnd || r == rows - 1 {
                out.append([seen, sum / Double(k)])
                sum = 0; k = 0; binEnd = (Int(seen) / bin + 1) * bin
            }
        }
        return out
    }

    /// The plateau's loss (the median of the binned loss before it falls below 0.4 log 2) and
    /// the learning time (sequences until it does, App. C.6; -1 if it never does).
    static func plateau(_ binned: [[Double]]) -> [Double] {
        let threshold = 0.4 * log(2.0)
        let end = binned.firstIndex { $0[1] < threshold }
        let before = binned[..<(end ?? binned.count)].map { $0[1] }.sorted()
        return [before.isEmpty ? .nan : before[before.count / 2], end.map { binned[$0][0] } ?? -1]
    }
}

/// The measurements taken at one checkpoint of a run.
struct CheckpointProbes {
    let run: InductionRun
    var heads: Int { run.config.heads }
    var active: HeadSet { run.settings.activeHeads(heads) }

    var curveColumns: [String] {
        ["sequences"] + FewShotSplit.allCases.flatMap { ["\($0.rawValue)_loss", "\($0.rawValue)_accuracy"] }
            + (0..<heads).map { "strength_h\($0)" } + ["l1_out_dloss", "l2_out_dloss", "perfect_pt_loss", "perfect_ih_loss"]
    }

    func clamped(_ clamp: CircuitClamp, _ batch: FewShotBatch, active: HeadSet? = nil) -> Interventions {
        clamp.interventions(heads: heads, active: active ?? self.active, previousTokenHead: run.settings.previousTokenHead,
                            inductionHead: run.settings.inductionHead, batch: batch)
    }

    var plain: Interventions {
        var v = Interventions.none(layers: 2, heads: heads)
        v.ablated[1] = HeadSet(bits: HeadSet.all(heads).bits & ~active.bits)
        return v
    }

    func withoutPath(from layer: Int) -> Interventions {
        var v = plain
        v.routing.readout = v.routing.readout.filter { $0 != .heads(layer: layer, .all(heads)) }
        return v
    }

    func curveRow(_ model: AttentionOnlyModel, sets: [FewShotEvaluation]) throws -> [Double] {
        var row: [Double] = []
        var train: FewShotEvaluation.Result?
        for set in sets {
            let r = try set.run(model) { _ in plain }
            if train == nil { train = r }
            row += [r.loss, r.accuracy]
        }
        row += train!.strength
        let trainSet = sets[0]
        row.append(try trainSet.run(model) { _ in withoutPath(from: 0) }.loss - train!.loss)
        row.append(try trainSet.run(model) { _ in withoutPath(from: 1) }.loss - train!.loss)
        row.append(try trainSet.run(model) { clamped(.step1, $0) }.loss)
        let ihActive = active.contains(run.settings.inductionHead)
        row.append(ihActive ? try trainSet.run(model) { clamped(.match, $0) }.loss : .nan)
        return row
    }

    /// Per L2 head: strength, accuracy with it ablated, accuracy with only it kept.
    func headRows(_ model: AttentionOnlyModel, on set: FewShotEvaluation) throws -> [[Double]] {
        let plainResult = try set.run(model) { _ in plain }
        return try (0..<heads).map { h in
            let without = try set.run(model) { clamped(.none, $0, active: active.removing(h)) }
            let alone = try set.run(model) { clamped(.none, $0, active: .only(h)) }
            return [Double(h), plainResult.strength[h], without.accuracy, alone.accuracy]
        }
    }
}
