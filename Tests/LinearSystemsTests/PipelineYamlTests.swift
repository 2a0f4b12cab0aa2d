import ContextualRecall
import Coopetition
import Induction
import Transience
import Foundation
import LinearSystems
import Pipeline
import Plots
import Reports
import XCTest

/// The repository's own pipeline.yaml, loaded with every world's real stage kinds: it plans for
/// each profile, and an edit that no run could use is rejected when it is loaded, with the
/// line to fix and the key.
final class PipelineYamlTests: XCTestCase {
    static let yamlURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("pipeline.yaml")
    static let registry = StageRegistry(LinearSystemsWorld.stageKinds + ContextualRecallWorld.stageKinds
                                        + CoopetitionWorld.stageKinds + InductionWorld.stageKinds
                                        + TransienceWorld.stageKinds + [PlotStage.self, ClaimsStage.self])

    private var yaml = ""

    override func setUpWithError() throws {
        yaml = try String(contentsOf: Self.yamlURL, encoding: .utf8)
    }

    private func plan(_ text: String, profile: String) throws -> Plan {
        try Plan(PipelineLoader(registry: Self.registry).parse(text), profile: profile)
    }

    /// pipeline.yaml with `old`, which must occur exactly once, replaced by `new`; and the
    /// (1-based) line of the replacement.
    private func edit(_ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> (text: String, line: Int) {
        let parts = yaml.components(separatedBy: old)
        XCTAssertEqual(parts.count, 2, "pipeline.yaml no longer holds `\(old)` exactly once; update this test", file: file, line: line)
        return (parts.joined(separator: new), parts[0].components(separatedBy: "\n").count)
    }

    /// Asserts that planning `text` for `profile` fails with exactly `message`.
    private func assertRejects(_ text: String, profile: String, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try plan(text, profile: profile), file: file, line: line) { error in
            XCTAssertEqual(String(describing: error), message, file: file, line: line)
            XCTAssertEqual((error as? PipelineError)?.category, .specification, file: file, line: line)
        }
    }

    // MARK: what loads

    func testRealPipelineLoadsForEveryProfile() throws {
        for (profile, stages) in [("smoke", 278), ("default", 278), ("paper", 390)] {
            let plan = try plan(yaml, profile: profile)
            XCTAssertEqual(plan.instances.count, stages, profile)
            XCTAssertEqual(plan["lds-r2"]?.upstream, ["lds-library", "lds-r1"], profile)
        }
        let paper = try plan(yaml, profile: "paper")
        XCTAssertEqual(paper["lds-library"]?.params.int("systems"), 40_000)
        XCTAssertEqual(paper["lds-r2"]?.params.int("restart_at"), 19_968_000)
        XCTAssertEqual(paper["lds-r1"]?.params.ints("keep_moments_at"), [19_968_000])
    }

    /// Paper 002's S / Div / M grids: the reduced cells on the smoke and default profiles, the
    /// paper's full grids, two seeds per world, on the paper profile.
    func testEachProfileGridsItsOwnCells() throws {
        func cells(_ plan: Plan, _ grid: String) -> (cells: [String], worlds: [StageInstance]) {
            let inputs = plan[grid]!.inputs
            return (inputs[0].artifacts.map(\.instance), inputs[1].artifacts.map { plan[$0.instance]! })
        }
        for profile in ["smoke", "default"] {
            let plan = try plan(yaml, profile: profile)
            XCTAssertEqual(cells(plan, "crg-fig6").cells.count, 6, profile)
            XCTAssertEqual(cells(plan, "crg-fig7").cells.count, 7, profile)
            XCTAssertFalse(plan.instances.contains { $0.name.hasPrefix("crgp-") }, profile)
        }
        let paper = try plan(yaml, profile: "paper")
        XCTAssertFalse(paper.instances.contains { $0.name.hasPrefix("crg-s") || $0.name.hasPrefix("crg-m") })
        for (grid, count, fixed, axis, values) in [("crg-fig6", 18, ("subjects", 256), "grammar_length", [20, 40, 80]),
                                                   ("crg-fig7", 24, ("grammar_length", 80), "subjects", [64, 128, 256, 512])] {
            let (names, worlds) = cells(paper, grid)
            XCTAssertEqual(names.count, count, grid)
            XCTAssertEqual(Set(worlds.map(\.name)).count, count / 2, "two seeds per world in \(grid)")
            XCTAssertTrue(worlds.allSatisfy { $0.params.int(fixed.0) == fixed.1 }, grid)
            XCTAssertEqual(Set(worlds.map { $0.params.int(axis) }), Set(values), grid)
            XCTAssertEqual(Set(worlds.map { $0.params.double("target_div") }), [0.1, 0.3, 0.5], grid)
            for (cell, world) in zip(names, worlds) {
                XCTAssertEqual(paper[cell]!.upstream.first { paper[$0]!.kind.name == "cr.world" }, world.name, "\(grid): \(cell) beside its world")
            }
            let pretrainings = names.map { cell in paper[cell]!.upstream.first { paper[$0]!.kind.name == "cr.pretrain" }! }
            XCTAssertTrue(pretrainings.allSatisfy { paper[$0]!.params.int("iterations") == 20_000 && paper[$0]!.params.int("width") == 256 }, grid)
            for world in Set(worlds.map(\.name)) {
                let seeds = zip(worlds, pretrainings).filter { $0.0.name == world }.map { paper[$0.1]!.params.int("seed") }
                XCTAssertEqual(seeds.sorted(), [1, 2], "\(grid): the cells of \(world)")
            }
            for cell in names {
                let finetunings = paper[cell]!.upstream.filter { paper[$0]!.kind.name == "cr.finetune" }
                let pretraining = paper[cell]!.upstream.first { paper[$0]!.kind.name == "cr.pretrain" }!
                XCTAssertEqual(finetunings.map { paper[$0]!.upstream.last! }, [pretraining, pretraining], "\(cell): its finetunings start from its pretraining")
            }
        }
    }

    // MARK: the edits the issue names

    func testNonFiniteLearningRateIsRejectedAtItsLine() {
        let nan = edit("params: { mode: normal, examples: 243200,", "params: { mode: normal, lr: .nan, examples: 243200,")
        XCTAssertThrowsError(try PipelineLoader(registry: Self.registry).parse(nan.text)) { error in
            XCTAssertEqual(String(describing: error), "pipeline.yaml:\(nan.line): stage lds-r1: parameter lr must be a finite number, found .nan")
        }
        let profile = edit("    lds-r*.lr: 0.0000158\n", "    lds-r*.lr: .nan\n")
        XCTAssertThrowsError(try plan(profile.text, profile: "paper")) { error in
            XCTAssertEqual(String(describing: error),
                           "pipeline.yaml:\(profile.line): profile paper: override lds-r*.lr (stage lds-r1): parameter lr must be a finite number, found .nan")
        }
    }

    func testZeroBatchIsRejectedAtItsLine() {
        let smoke = edit("    lds-r*.batch: 8\n", "    lds-r*.batch: 0\n")
        assertRejects(smoke.text, profile: "smoke",
                      "pipeline.yaml:\(smoke.line): stage lds-r1 (profile smoke): parameter batch = 0 must be in [1, 65536]")
        let params = edit("params: { mode: masked-backstory, examples: 153600,", "params: { mode: masked-backstory, batch: 0, examples: 153600,")
        assertRejects(params.text, profile: "default", "pipeline.yaml:\(params.line): stage lds-r3: parameter batch = 0 must be in [1, 65536]")
    }

    func testHugeLibraryIsRejectedBeforeAnyAllocation() {
        let params = edit("params: { systems: 384, seed: 1 }", "params: { systems: 1000000000000, seed: 1 }")
        assertRejects(params.text, profile: "default",
                      "pipeline.yaml:\(params.line): stage lds-library: parameter systems = 1000000000000 must be in [1, 10000000]")
        let paper = edit("    lds-library.systems: 40000\n", "    lds-library.systems: 1000000000000\n")
        assertRejects(paper.text, profile: "paper",
                      "pipeline.yaml:\(paper.line): stage lds-library (profile paper): parameter systems = 1000000000000 must be in [1, 10000000]")
    }

    func testHeadsThatDoNotDivideTheWidthAreRejected() {
        let params = edit("params: { mode: masked-backstory, examples: 153600,",
                          "params: { mode: masked-backstory, heads: 3, width: 64, examples: 153600,")
        assertRejects(params.text, profile: "default", "pipeline.yaml:\(params.line): stage lds-r3: heads = 3 does not divide width = 64")
        // A stage's own line after the glob that set the others wins for it.
        let smoke = edit("    lds-r*.heads: 2\n", "    lds-r*.heads: 2\n    lds-r3.heads: 3\n")
        assertRejects(smoke.text, profile: "smoke",
                      "pipeline.yaml:\(smoke.line + 1): stage lds-r3 (profile smoke): heads = 3 does not divide width = 16")
    }

    func testRestartPointTheSourceDoesNotKeepIsRejected() {
        let dropped = edit("keep_moments_at: [153600], ", "")
        let r2 = dropped.text.components(separatedBy: "\n").firstIndex { $0.contains("restart_at: 153600") }! + 1
        XCTAssertTrue(dropped.text.components(separatedBy: "\n")[r2 - 2].contains("needs: { library: lds-library, from: lds-r1 }"))
        assertRejects(dropped.text, profile: "default",
                      "pipeline.yaml:\(r2): stage lds-r2: restart_at = 153600 is not one of lds-r1's keep_moments_at ([]); "
                      + "add it there so lds-r1 keeps its optimizer moments at that checkpoint")
        let smoke = edit("    lds-r2.restart_at: 64\n", "    lds-r2.restart_at: 96\n")
        assertRejects(smoke.text, profile: "smoke",
                      "pipeline.yaml:\(smoke.line): stage lds-r2 (profile smoke): restart_at = 96 is not one of lds-r1's keep_moments_at ([64]); "
                      + "add it there so lds-r1 keeps its optimizer moments at that checkpoint")
    }

    // MARK: the other rules of the training kinds

    /// The error names the line where the last of a rule's keys was set.
    func testCheckpointRulesOfTheTrainingKinds() {
        let keep = edit("    lds-r1.keep_moments_at: [64]\n", "    lds-r1.keep_moments_at: [60]\n")
        assertRejects(keep.text, profile: "smoke",
                      "pipeline.yaml:\(keep.line): stage lds-r1 (profile smoke): keep_moments_at value 60 is not a checkpoint of this run: "
                      + "its checkpoints are restart_at = 0 plus multiples of checkpoint_every = 32, up to examples = 128")
        let span = edit("    lds-r*.checkpoint_every: 32\n", "    lds-r*.checkpoint_every: 32\n    lds-r2.checkpoint_every: 48\n")
        assertRejects(span.text, profile: "smoke",
                      "pipeline.yaml:\(lineOf("    lds-r2.restart_at: 64") + 1): stage lds-r2 (profile smoke): checkpoint_every = 48 does not divide "
                      + "examples - restart_at = 128 - 64 = 64")
        let late = edit("    lds-r5.restart_at: 64\n", "    lds-r5.restart_at: 128\n")
        assertRejects(late.text, profile: "smoke",
                      "pipeline.yaml:\(late.line): stage lds-r5 (profile smoke): restart_at = 128 must be less than examples = 128")
        let batch = edit("    lds-r*.checkpoint_every: 32\n", "    lds-r*.checkpoint_every: 32\n    lds-r4.checkpoint_every: 36\n")
        assertRejects(batch.text, profile: "smoke",
                      "pipeline.yaml:\(batch.line + 1): stage lds-r4 (profile smoke): batch = 8 does not divide checkpoint_every = 36")
        let pretrain = edit("params: { seed: 1, iterations: 4000, checkpoint_every: 500 }",
                            "params: { seed: 1, iterations: 4000, checkpoint_every: 300 }")
        assertRejects(pretrain.text, profile: "default",
                      "pipeline.yaml:\(pretrain.line): stage cr-pretrain: checkpoint_every = 300 does not divide iterations = 4000")
        let finetune = edit("    cr-ft-*.checkpoint_every: 1\n", "    cr-ft-*.checkpoint_every: 1\n    cr-ft-grm.checkpoint_every: 3\n")
        assertRejects(finetune.text, profile: "smoke",
                      "pipeline.yaml:\(finetune.line + 1): stage cr-ft-grm (profile smoke): checkpoint_every = 3 does not divide iterations = 2")
    }

    /// The 1-based line of pipeline.yaml's only line that starts with `prefix`.
    private func lineOf(_ prefix: String) -> Int {
        let lines = yaml.components(separatedBy: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix(prefix) }.count, 1, prefix)
        return (lines.firstIndex { $0.hasPrefix(prefix) } ?? -1) + 1
    }
}
