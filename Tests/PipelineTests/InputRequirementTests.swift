import XCTest
@testable import Pipeline

/// Requirements an input places on the stages connected to it (`InputSpec.requirement`),
/// checked when the plan is built: the error names the consumer's line and both stages.
final class InputRequirementTests: XCTestCase {
    private let registry = StageRegistry([SourceKind.self, RestartKind.self])

    private func plan(_ yaml: String, profile: String = "default") throws -> Plan {
        try Plan(PipelineLoader(registry: registry).parse(yaml), profile: profile)
    }

    private func assertRejects(_ yaml: String, profile: String = "default", _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try plan(yaml, profile: profile), file: file, line: line) { error in
            XCTAssertEqual(String(describing: error), message, file: file, line: line)
            XCTAssertEqual((error as? PipelineError)?.category, .specification, file: file, line: line)
        }
    }

    /// Line 2: the source `a`, line 4 its params; line 5: the consumer `b`, line 7 its needs, line 8 its params.
    private func pair(source: String = "keep_at: [32, 64]", consumer: String = "restart_at: 64") -> String {
        "stages:\n  a:\n    uses: test.restart\n    params: { \(source) }\n  b:\n    uses: test.restart\n"
            + "    needs: { from: a }\n    params: { \(consumer) }\n"
    }

    func testKeptRestartPointLoads() throws {
        let plan = try plan(pair())
        XCTAssertEqual(plan["b"]?.params.int("restart_at"), 64)
        XCTAssertNoThrow(try self.plan(pair(source: "keep_at: [0]", consumer: "seed: 1")), "the default restart_at 0 is kept")
        XCTAssertNoThrow(try self.plan("stages:\n  a:\n    uses: test.restart\n    params: { restart_at: 5 }\n"),
                         "an unconnected optional input requires nothing")
    }

    func testMissingRestartPointNamesTheConsumersLineAndBothStages() {
        assertRejects(pair(source: "keep_at: []"),
                      "pipeline.yaml:8: stage b: restart_at = 64 is not one of a's keep_at ([]); add it there so a keeps its state at that step")
        assertRejects(pair(source: "keep_at: [32, 96]"),
                      "pipeline.yaml:8: stage b: restart_at = 64 is not one of a's keep_at ([32,96]); add it there so a keeps its state at that step")
    }

    func testDefaultRestartPointNamesTheConsumersStageLine() {
        assertRejects(pair(consumer: "seed: 3"),
                      "pipeline.yaml:5: stage b: restart_at = 0 is not one of a's keep_at ([32,64]); add it there so a keeps its state at that step")
    }

    func testProfileOverridesOnEitherSideAreChecked() throws {
        let yaml = "profiles:\n  moved:\n    b.restart_at: 32\n  dropped:\n    a.keep_at: [32]\n  shifted:\n    b.restart_at: 16\n"
            + pair()
        XCTAssertEqual(try plan(yaml, profile: "moved")["b"]?.params.int("restart_at"), 32)
        // The consumer's restart_at comes from pipeline.yaml line 15; the source's list from the profile.
        assertRejects(yaml, profile: "dropped",
                      "pipeline.yaml:15: stage b: restart_at = 64 is not one of a's keep_at ([32]); add it there so a keeps its state at that step")
        assertRejects(yaml, profile: "shifted",
                      "pipeline.yaml:7: stage b (profile shifted): restart_at = 16 is not one of a's keep_at ([32,64]); add it there so a keeps its state at that step")
    }

    func testEveryFanOutInstanceOnEitherSideIsChecked() {
        let producers = "stages:\n  a:\n    uses: test.restart\n    params: { keep_at: [8] }\n    foreach: { seed: [1, 2] }\n"
            + "  b:\n    uses: test.restart\n    needs: { peers: \"a[*]\" }\n"
        XCTAssertNoThrow(try plan(producers + "    params: { restart_at: 8 }\n"))
        assertRejects(producers + "    params: { restart_at: 16 }\n",
                      "pipeline.yaml:9: stage b: restart_at = 16 is not one of a[seed=1]'s keep_at ([8]); add it there")
        assertRejects(pair(consumer: "seed: 0").replacingOccurrences(of: "    params: { seed: 0 }\n", with: "    foreach:\n      restart_at:\n        - 32\n        - 48\n"),
                      "pipeline.yaml:11: stage b[restart_at=48]: restart_at = 48 is not one of a's keep_at ([32,64]); add it there so a keeps its state at that step")
    }

    func testAProducerWithoutTheListIsNamed() {
        assertRejects("stages:\n  s:\n    uses: test.source\n  b:\n    uses: test.restart\n    needs: { from: s }\n",
                      "pipeline.yaml:4: stage b: restart_at = 0 must be one of the input's keep_at, but s (test.source) has no list parameter keep_at")
    }

    func testRangesComeFirst() {
        assertRejects(pair(source: "keep_at: []", consumer: "restart_at: -1"),
                      "pipeline.yaml:8: stage b: parameter restart_at = -1 must be in [0, inf)")
    }

    func testCatalogShowsTheRequirement() {
        let text = KindCatalog.describe(registry)
        XCTAssertTrue(text.contains("  input  from (one, optional) — a run to restart from; requires restart_at is one of the input's keep_at\n"), text)
    }
}
