import XCTest
@testable import Pipeline

/// Parameter ranges and rules between parameters, checked when the plan is built, each error
/// naming the pipeline.yaml line the offending value came from.
final class ParameterRangeTests: XCTestCase {
    private func plan(_ yaml: String, profile: String = "default", registry: StageRegistry = testRegistry) throws -> Plan {
        try Plan(PipelineLoader(registry: registry).parse(yaml), profile: profile)
    }

    /// Asserts that loading and planning fail with exactly `message`.
    private func assertRejects(_ yaml: String, profile: String = "default", registry: StageRegistry = testRegistry,
                               _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try plan(yaml, profile: profile, registry: registry), file: file, line: line) { error in
            XCTAssertEqual(String(describing: error), message, file: file, line: line)
            XCTAssertEqual((error as? PipelineError)?.category, .specification, file: file, line: line)
        }
    }

    private let train = "stages:\n  t:\n    uses: test.train\n"

    // MARK: ranges, when the plan is built

    func testIntOutsideItsRangeNamesTheProfileOverride() throws {
        let yaml = "profiles:\n  smoke:\n    t.seed: 3\n    t.batch: 0\n  huge:\n    t.examples: 1000000000000\n"
            + train + "    params: { batch: 4 }\n"
        assertRejects(yaml, profile: "smoke", "pipeline.yaml:4: stage t (profile smoke): parameter batch = 0 must be in [1, inf)")
        assertRejects(yaml, profile: "huge",
                      "pipeline.yaml:6: stage t (profile huge): parameter examples = 1000000000000 must be in [1, 1000000]")
        XCTAssertEqual(try plan(yaml)["t"]?.params.int("batch"), 4, "the default profile is in range")
    }

    func testOutOfRangeValueInParamsNamesItsLine() {
        assertRejects(train + "    params:\n      seed: -5\n      batch: -1\n",
                      "pipeline.yaml:6: stage t: parameter batch = -1 must be in [1, inf)")
        assertRejects(train + "    params: { lr: 0 }\n", "pipeline.yaml:4: stage t: parameter lr = 0.0 must be in (0, inf)")
        assertRejects(train + "    params:\n      dropout: 1\n", "pipeline.yaml:5: stage t: parameter dropout = 1.0 must be in [0, 1)")
        assertRejects(train + "    params:\n      examples: 1000001\n",
                      "pipeline.yaml:5: stage t: parameter examples = 1000001 must be in [1, 1000000]")
    }

    func testListElementsAreCheckedOneByOne() {
        assertRejects(train + "    params:\n      noise: [0.5, 0, -1]\n",
                      "pipeline.yaml:5: stage t: parameter noise[2] = -1.0 must be in [0, inf)")
    }

    func testOutOfRangeFanOutValueNamesItsInstanceAndLine() {
        assertRejects(train + "    foreach:\n      batch:\n        - 8\n        - 0\n",
                      "pipeline.yaml:7: stage t[batch=0]: parameter batch = 0 must be in [1, inf)")
        assertRejects(train + "    foreach: { seed: [1, 2], lr: [0.1, -0.1] }\n",
                      "pipeline.yaml:4: stage t[seed=1,lr=-0.1]: parameter lr = -0.1 must be in (0, inf)")
    }

    func testOutOfRangeDefaultNamesTheStageLine() {
        assertRejects("stages:\n  a:\n    uses: test.source\n  b:\n    uses: test.bad-default\n",
                      registry: StageRegistry([SourceKind.self, BadDefaultKind.self]),
                      "pipeline.yaml:4: stage b: parameter width = 0 (the default of test.bad-default) must be in [1, inf)")
    }

    // MARK: rules

    func testRuleViolationNamesTheLastSetKey() {
        assertRejects(train + "    params:\n      batch: 48\n",
                      "pipeline.yaml:5: stage t: batch = 48 does not divide checkpoint_every = 32")
        assertRejects(train + "    params:\n      checkpoint_every: 64\n      batch: 48\n",
                      "pipeline.yaml:6: stage t: batch = 48 does not divide checkpoint_every = 64")
        assertRejects("profiles:\n  smoke: { t.checkpoint_every: 100 }\n" + train + "    params:\n      batch: 8\n",
                      profile: "smoke", "pipeline.yaml:2: stage t (profile smoke): batch = 8 does not divide checkpoint_every = 100")
    }

    func testHeadsMustDivideWidth() {
        assertRejects(train + "    params: { width: 16 }\n    foreach: { heads: [2, 3] }\n",
                      "pipeline.yaml:5: stage t[heads=3]: heads = 3 does not divide width = 16")
    }

    func testRestartMustPrecedeTheEnd() {
        assertRejects("profiles:\n  smoke:\n    t.examples: 64\n" + train + "    params: { restart_at: 64 }\n",
                      profile: "smoke", "pipeline.yaml:3: stage t (profile smoke): restart_at = 64 must be less than examples = 64")
    }

    func testRangesComeBeforeRules() {
        assertRejects(train + "    params: { batch: 0 }\n", "pipeline.yaml:4: stage t: parameter batch = 0 must be in [1, inf)")
    }

    // MARK: what still loads

    func testValidPipelineWithRangesAndRulesLoads() throws {
        let yaml = """
        profiles:
          smoke: { t.examples: 64, t.batch: 4, t.checkpoint_every: 16 }
        stages:
          t:
            uses: test.train
            params: { batch: 16, checkpoint_every: 64, restart_at: 32, lr: 0.5, dropout: 0, noise: [0, 1.5] }
            foreach: { heads: [1, 2, 4, 8, 16] }
        """
        for profile in ["default", "smoke"] {
            let plan = try plan(yaml, profile: profile)
            XCTAssertEqual(plan.instances.map(\.name), ["t[heads=1]", "t[heads=2]", "t[heads=4]", "t[heads=8]", "t[heads=16]"])
        }
        XCTAssertEqual(try plan(yaml, profile: "smoke")["t[heads=4]"]?.params.int("checkpoint_every"), 16)
    }

    func testDryRunAndStatusFailBeforeAnyStageRuns() throws {
        RunLog.reset()
        let repo = try ScratchRepo()
        try repo.write("profiles:\n  smoke:\n    t.batch: 3\nstages:\n  s:\n    uses: test.source\n  t:\n    uses: test.train\n")
        try repo.repro(dryRun: true)
        let attempts: [() throws -> Void] = [{ try repo.repro(profile: "smoke", dryRun: true) }, { try repo.repro(profile: "smoke") },
                                             { _ = try repo.engine().status(profile: "smoke") }]
        for attempt in attempts {
            XCTAssertThrowsError(try attempt()) { error in
                XCTAssertEqual(String(describing: error),
                               "pipeline.yaml:3: stage t (profile smoke): batch = 3 does not divide checkpoint_every = 32")
            }
        }
        XCTAssertEqual(RunLog.count("s"), 0)
        XCTAssertEqual(repo.lockText, "")
    }

    // MARK: the range type

    func testRangeNotationAndBounds() {
        XCTAssertEqual(ParamRange.atLeast(1).description, "[1, inf)")
        XCTAssertEqual(ParamRange.above(0).description, "(0, inf)")
        XCTAssertEqual(ParamRange.halfOpen(0, 1).description, "[0, 1)")
        XCTAssertEqual(ParamRange.closed(1, 1_000_000).description, "[1, 1000000]")
        XCTAssertEqual(ParamRange.open(0.5, 2.25).description, "(0.5, 2.25)")
        XCTAssertTrue(ParamRange.closed(1, 3).contains(1) && ParamRange.closed(1, 3).contains(3))
        XCTAssertFalse(ParamRange.open(1, 3).contains(1) || ParamRange.open(1, 3).contains(3))
        XCTAssertFalse(ParamRange.atLeast(0).contains(.nan))
    }
}

/// A kind whose default breaks its own range: the error must point at the stage.
private enum BadDefaultKind: StageKind {
    static let name = "test.bad-default"
    static let version = 1
    static let summary = "a default out of range"
    static let parameters = [ParamSpec("width", .int, default: .int(0), range: .atLeast(1), help: "too small by default")]
    static let inputs: [InputSpec] = []
    static let outputs = ["data"]
    static func run(_ context: StageContext) throws {}
}
