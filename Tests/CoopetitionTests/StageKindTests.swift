import XCTest
import Foundation
import Artifacts
import Pipeline
@testable import Coopetition

final class StageKindTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coop-stage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A context with every declared default, overridden by `params`.
    func context(_ kind: StageKind.Type, _ params: [String: ParamValue], output: String) -> StageContext {
        StageContext(kind: kind, values: params, inputs: [:], outputPaths: ["run": directory.appendingPathComponent(output)],
                     workDirectory: directory, rootDirectory: directory)
    }

    func testCoopSimulateWritesTablesAndVerdicts() throws {
        let params: [String: ParamValue] = ["seed": .int(7), "iterations": .int(3000), "record_every": .int(100)]
        let ctx = context(CoopSimulateStage.self, params, output: "coop.h5")
        try CoopSimulateStage.run(ctx)
        let expected = CoopetitionSimulation.run(CoopetitionSettings(), seed: 7, iterations: 3000, recordEvery: 100)

        let file = try ArtifactFile.open(ctx.output("run"))
        defer { file.close() }
        let loss = try file.read("tables/loss", as: Double.self)
        XCTAssertEqual(loss.shape, [31, 5])
        XCTAssertEqual(loss.values, expected.table)
        XCTAssertEqual(try file.attribute("columns", at: "tables/loss"), .string("iteration total mech1 mech2 competition"))
        XCTAssertEqual(try file.read("tables/summary", as: Double.self).shape, [1, CoopetitionRun.summaryColumns.count])
        XCTAssertEqual(try file.attribute("transient"), .int(expected.analysis.transient ? 1 : 0))
        XCTAssertEqual(try file.attribute("min_iteration"), .int(Int64(expected.analysis.minIteration)))
        XCTAssertEqual(try file.attribute("divot"), .double(expected.analysis.divot))

        XCTAssertEqual(try CoopSummary.report(artifacts: [ctx.output("run")]).lines, CoopSummary.report(runs: [expected]).lines)
    }

    func testPhaseSimulateWritesTheClampedRun() throws {
        let ctx = context(PhaseSimulateStage.self, ["clamp": .string("bc"), "iterations": .int(100)], output: "phase.h5")
        try PhaseSimulateStage.run(ctx)
        let file = try ArtifactFile.open(ctx.output("run"))
        defer { file.close() }
        XCTAssertEqual(try file.shape("tables/loss"), [101, 4])
        XCTAssertEqual(try file.attribute("columns", at: "tables/loss"), .string("iteration loss cosine_distance loss_bc_target"))
        XCTAssertEqual(try file.attribute("clamp"), .string("bc"))
    }

    /// Ranges are checked when pipeline.yaml is loaded, with the line and key of the value.
    func testOutOfRangeParametersAreRejectedWithTheirLine() {
        let registry = StageRegistry(CoopetitionWorld.stageKinds)
        func rejects(_ yaml: String, _ message: String, line: UInt = #line) {
            XCTAssertThrowsError(try Plan(PipelineLoader(registry: registry).parse(yaml), profile: "default"), line: line) { error in
                XCTAssertEqual("\(error)", message, line: line)
            }
        }
        rejects("stages:\n  c:\n    uses: coop.simulate\n    params: { record_every: 0 }\n",
                "pipeline.yaml:4: stage c: parameter record_every = 0 must be in [1, inf)")
        rejects("stages:\n  c:\n    uses: coop.simulate\n    params:\n      mu1: -0.1\n",
                "pipeline.yaml:5: stage c: parameter mu1 = -0.1 must be in [0, inf)")
        rejects("stages:\n  p:\n    uses: phase.simulate\n    params: { iterations: 100000000000 }\n",
                "pipeline.yaml:4: stage p: parameter iterations = 100000000000 must be in [0, 10000000]")
        rejects("stages:\n  p:\n    uses: phase.simulate\n    foreach: { lr: [1, 0] }\n",
                "pipeline.yaml:4: stage p[lr=0.0]: parameter lr = 0.0 must be in (0, inf)")
        XCTAssertNoThrow(try Plan(PipelineLoader(registry: registry).parse("stages:\n  c:\n    uses: coop.simulate\n"), profile: "default"))
        let badClamp = context(PhaseSimulateStage.self, ["clamp": .string("a")], output: "bad2.h5")
        XCTAssertThrowsError(try PhaseSimulateStage.run(badClamp))
    }
}
