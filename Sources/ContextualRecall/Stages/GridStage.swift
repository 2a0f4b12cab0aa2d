import Artifacts
import Foundation
import Pipeline

/// `cr.grid`: one row per cell of paper 002's S / Div / M sweeps (Figs. 6, 7). Each `cell` input
/// is the `cr.evaluate` artifact of one cell's runs: its pretraining, its finetuning on ICL and
/// its finetuning on ICL+Grm; `world` lists each cell's world in the same order. Figure table
/// `cells`, columns `subjects grammar_length div pt_exact icl_exact icl_type grm_exact grm_type
/// pt_ceiling`: the cell's world (M, S, Div as row-mean l1), PT exact match at the end of
/// pretraining, the best held-out plain-ICL exact and type match over the checkpoints of each
/// finetuning (the paper finetunes on ICL+Grm; at CPU scale that transfer does not reproduce, so
/// both are kept: `grm_exact > 0` says whether plain ICL after ICL+Grm ever leaves zero), and
/// the highest PT exact match any model can reach in the cell's world: the Bayes-optimal
/// accuracy of telling the type from S grammar tokens (`TypeInference`). Cells listed with the
/// same world (the training seeds of one configuration, as the paper profile's grids have) make
/// one row: the mean of their measurements, as the paper plots the mean over seeds.
public enum GridStage: StageKind {
    public static let name = "cr.grid"
    /// Still 2 since the averaging: a grid with one cell per world, the only kind before it,
    /// writes the same table as before, so its cached artifacts stay valid.
    public static let version = 2
    /// Grammar walks per type for the PT ceiling: its standard error is below 0.002.
    static let ceilingSamples = 20_000
    public static let summary = "One row per S / Div / M sweep cell: PT accuracy and held-out ICL accuracy after ICL and after ICL+Grm finetuning (Figs. 6, 7)"
    public static let parameters: [ParamSpec] = []
    public static let inputs = [InputSpec("cell", multiple: true,
                                          help: "cr.evaluate artifacts, each of one cell's pretraining, ICL and ICL+Grm finetuning"),
                                InputSpec("world", multiple: true, help: "cr.world artifacts: the world of every cell")]
    public static let outputs = ["grid"]
    public static let columns = ["subjects", "grammar_length", "div", "pt_exact", "icl_exact", "icl_type", "grm_exact", "grm_type", "pt_ceiling"]

    public static func run(_ context: StageContext) throws {
        let cells = context.inputs["cell"] ?? [], worlds = context.inputs["world"] ?? []
        guard cells.count == worlds.count else {
            throw RecallError.artifact(file: "stage \(context.stageName)",
                                       reason: "lists \(cells.count) cells but \(worlds.count) worlds; `world` must name each cell's world, in the order of `cell`")
        }
        var worldOrder: [URL] = []
        var cellsOfWorld: [URL: [URL]] = [:]
        for (cellURL, worldURL) in zip(cells, worlds) {
            if cellsOfWorld[worldURL] == nil { worldOrder.append(worldURL) }
            cellsOfWorld[worldURL, default: []].append(cellURL)
        }
        let rows = try worldOrder.map { worldURL in
            let world = try RecallWorld.read(from: worldURL)
            let place = [Double(world.settings.subjects), Double(world.settings.grammarLength), world.div.rowMean]
            let measured = try cellsOfWorld[worldURL]!.map { cellURL in
                let row = try cell(cellURL)
                guard Array(row[0..<3]) == place else {
                    throw RecallError.artifact(file: cellURL.path, reason: "its world (M \(Int(row[0])), S \(Int(row[1])), Div \(row[2])) is not \(worldURL.path), listed beside it")
                }
                return row[3...]
            }
            let sums = measured.dropFirst().reduce(Array(measured[0])) { zip($0, $1).map(+) }
            return place + sums.map { $0 / Double(measured.count) }
                + [TypeInference.bayesAccuracy(chains: world.typeChains, grammarLength: world.settings.grammarLength,
                                               samplesPerType: ceilingSamples, seed: 0)]
        }
        let file = try ArtifactFile.create(context.output("grid"))
        defer { file.close() }
        try file.writeTable("cells", columns: columns, rows: rows.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// One cell's row up to its ceiling, from its evaluation.
    static func cell(_ url: URL) throws -> [Double] {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let best = try NamedTable(file, "best")
        let modes = best.column("mode"), exact = best.column("exact"), type = best.column("type")
        func run(_ mode: Int) throws -> Int {
            guard let i = modes.firstIndex(of: Double(mode)), modes.filter({ $0 == Double(mode) }).count == 1 else {
                throw RecallError.artifact(file: url.path, reason: "a grid cell's evaluation needs exactly one \(EvaluateStage.modes[mode]) run")
            }
            return i
        }
        let pretrain = try run(0), icl = try run(1), grammar = try run(2)
        guard let ptExact = try NamedTable(file, "pt_\(pretrain)").column("exact").last else {
            throw RecallError.artifact(file: url.path, reason: "the pretraining run has no checkpoints")
        }
        return [Double(try file.requiredInt("subjects")), Double(try file.requiredInt("grammar_length")),
                try file.requiredDouble("div_row_mean"), ptExact, exact[icl], type[icl], exact[grammar], type[grammar]]
    }
}
