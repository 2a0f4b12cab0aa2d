import XCTest
@testable import Pipeline

final class LoaderValidationTests: XCTestCase {
    private func parse(_ yaml: String) throws -> PipelineSpec {
        try PipelineLoader(registry: testRegistry).parse(yaml)
    }

    /// Asserts that parsing fails with a message naming `pipeline.yaml:line` and containing each fragment.
    private func assertRejects(_ yaml: String, line: Int, _ fragments: String..., file: StaticString = #filePath, lineNo: UInt = #line) {
        XCTAssertThrowsError(try parse(yaml), file: file, line: lineNo) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("pipeline.yaml:\(line): "), "wrong line in: \(text)", file: file, line: lineNo)
            for fragment in fragments { XCTAssertTrue(text.contains(fragment), "'\(fragment)' missing from: \(text)", file: file, line: lineNo) }
            XCTAssertFalse(text.contains("\n"), "not one sentence: \(text)", file: file, line: lineNo)
        }
    }

    func testAcceptsTheDocumentedSchema() throws {
        let spec = try parse("""
        version: 1
        profiles:
          smoke: { src.value: 2 }
          default: {}
        stages:
          src:
            uses: test.source
            params: { size: 4, scale: 2, flags: [1, 2], mode: b }
          many:
            uses: test.source
            foreach: { value: [1, 2, 3] }
          total:
            uses: test.sum
            needs: { parts: ["many[*]", src], extra: "pair@left" }
          pair:
            uses: test.pair
            params: { seed: 7 }
        """)
        XCTAssertEqual(spec.stages.map(\.name), ["src", "many", "total", "pair"])
        XCTAssertEqual(spec.stage("src")!.params["scale"]?.value, .double(2))
        XCTAssertEqual(spec.stage("src")!.params["flags"]?.line, 8)
        XCTAssertEqual(spec.stage("total")!.needs.map(\.input), ["parts", "extra"])
        XCTAssertEqual(spec.stage("total")!.needs[0].refs, [InputRef(stage: "many", output: nil, allInstances: true),
                                                            InputRef(stage: "src", output: nil, allInstances: false)])
        XCTAssertEqual(spec.profiles["smoke"]?.first?.value, .int(2))
    }

    func testDuplicateFanOutValuesAreAnErrorNotACrash() {
        assertRejects("""
        stages:
          seeds:
            uses: test.source
            foreach:
              value:
                - 1
                - 2
                - 1
        """, line: 8, "foreach value lists 1 twice (first on line 6)")
    }

    func testDeepNestingIsRejectedBeforeParsing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        assertRejects("stages:\n  a:\n    uses: test.source\n    params: { flags: \(deep) }\n", line: 4, "nesting deeper than 64")
        assertRejects("# [[[[ in a comment does not count\nstages:\n  a: \"[[[[\"\n  b: \(String(repeating: "{", count: 65))", line: 4, "nesting")
    }

    func testAnIntegerBeyond64BitsIsNamedAsSuch() {
        assertRejects("stages:\n  a:\n    uses: test.source\n    params: { size: 9223372036854775808 }\n", line: 4,
                      "parameter size = 9223372036854775808 is too large for a 64-bit integer")
    }

    func testMalformedYAML() {
        assertRejects("stages:\n  a:\n    uses: [test.source\n", line: 4, "malformed YAML")
    }

    func testSlurmBlockOverridesTheKindsResourcesAndRejectsUnknownKeys() throws {
        let spec = try parse("""
        stages:
          src:
            uses: test.source
            slurm: { cpus: 8, mem: 16G, time: "48:00:00", flags: ["--account=lab"] }
        """)
        let resources = JobResources().overridden(by: spec.stage("src")!.resources)
        XCTAssertEqual(resources, JobResources(cpus: 8, memory: "16G", time: "48:00:00", flags: ["--account=lab"]))
        XCTAssertEqual(resources.sbatchOptions, ["--cpus-per-task=8", "--mem=16G", "--time=48:00:00", "--account=lab"])
        assertRejects("stages:\n  a:\n    uses: test.source\n    slurm: { gpus: 1 }\n", line: 4, "unknown slurm key gpus", "cpus, mem, time, partition, flags")
        assertRejects("stages:\n  a:\n    uses: test.source\n    slurm: { cpus: 0 }\n", line: 4, "slurm cpus must be a positive integer")
    }

    func testGroupsNameTargetsThatMustMatchAStage() throws {
        let stages = "stages:\n  fig-a:\n    uses: test.source\n  fig-b:\n    uses: test.source\n  other:\n    uses: test.source\n"
        let spec = try parse("groups:\n  figures: [\"fig-*\"]\n  one: [other]\n" + stages)
        XCTAssertEqual(try spec.targets(ofGroup: "figures", profile: "default"), ["fig-*"])
        XCTAssertThrowsError(try spec.targets(ofGroup: "nope", profile: "default")) { XCTAssertTrue("\($0)".contains("unknown group nope (groups: figures, one)"), "\($0)") }
        let plan = try Plan(spec, profile: "default")
        XCTAssertEqual(try plan.selection(try spec.targets(ofGroup: "figures", profile: "default"), downstream: false).map(\.name), ["fig-a", "fig-b"])
        XCTAssertThrowsError(try plan.selection(["x*"], downstream: false)) { XCTAssertTrue("\($0)".contains("x* matches no stage"), "\($0)") }
        assertRejects("groups:\n  figures: [\"fug-*\"]\n" + stages, line: 2, "group figures: fug-* matches no stage")
        assertRejects("groups:\n  figures: fig-a\n" + stages, line: 2, "group figures must be a list of stage names or globs")
    }

    func testUnknownTopLevelKey() {
        assertRejects("version: 1\nstagez: {}\n", line: 2, "unknown top-level key stagez")
    }

    func testUnknownKindListsKnownKinds() {
        assertRejects("stages:\n  a:\n    uses: test.nope\n", line: 3, "unknown stage kind", "test.nope", "test.source", "test.sum")
    }

    func testUnknownParameterListsParameters() {
        assertRejects("stages:\n  a:\n    uses: test.source\n    params:\n      sise: 3\n", line: 5, "unknown parameter sise", "value, size, mode")
    }

    func testIllTypedParameters() {
        assertRejects("stages:\n  a:\n    uses: test.source\n    params: { value: 1.5 }\n", line: 4, "value expects int, found double 1.5")
        assertRejects("stages:\n  a:\n    uses: test.source\n    params: { value: \"3\" }\n", line: 4, "value expects int, found string")
        assertRejects("stages:\n  a:\n    uses: test.source\n    params: { flags: [1, x] }\n", line: 4, "flags expects list of int")
        assertRejects("stages:\n  a:\n    uses: test.source\n    params:\n      mode: c\n", line: 5, "mode must be one of a|b, found c")
    }

    func testMissingRequiredParameter() {
        assertRejects("stages:\n  p:\n    uses: test.pair\n", line: 2, "missing required parameter seed")
    }

    func testUnknownAndMissingInputs() {
        assertRejects("stages:\n  a:\n    uses: test.source\n  b:\n    uses: test.parity\n    needs:\n      numbr: a\n",
                      line: 7, "unknown input numbr", "inputs: number")
        assertRejects("stages:\n  b:\n    uses: test.parity\n", line: 2, "missing required input number")
    }

    func testReferencesToUnknownStagesAndOutputs() {
        assertRejects("stages:\n  b:\n    uses: test.parity\n    needs: { number: ghost }\n", line: 4, "unknown stage ghost")
        assertRejects("stages:\n  p:\n    uses: test.pair\n    params: { seed: 1 }\n  b:\n    uses: test.parity\n    needs: { number: p@middle }\n",
                      line: 7, "unknown output middle", "left, right")
        assertRejects("stages:\n  p:\n    uses: test.pair\n    params: { seed: 1 }\n  b:\n    uses: test.parity\n    needs: { number: p }\n",
                      line: 7, "name one as p@<output>")
        assertRejects("stages:\n  a:\n    uses: test.source\n    foreach: { value: [1, 2] }\n  b:\n    uses: test.parity\n    needs: { number: a }\n",
                      line: 7, "a[*]")
        assertRejects("stages:\n  a:\n    uses: test.source\n    foreach: { value: [1, 2] }\n  b:\n    uses: test.parity\n    needs: { number: \"a[*]\" }\n",
                      line: 7, "takes one artifact", "give 2")
    }

    func testDuplicateStageName() {
        assertRejects("stages:\n  a:\n    uses: test.source\n  a:\n    uses: test.sum\n", line: 4, "duplicate stage name a", "line 2")
    }

    func testProfileOverridesOfUnknownStageOrParameter() {
        let stages = "stages:\n  a:\n    uses: test.source\n"
        assertRejects("profiles:\n  smoke: { b.value: 2 }\n" + stages, line: 2, "unknown stage b", "b.value")
        assertRejects("profiles:\n  smoke:\n    a.valu: 2\n" + stages, line: 3, "unknown parameter valu")
        assertRejects("profiles:\n  smoke:\n    a.value: x\n" + stages, line: 3, "value expects int")
    }

    func testCycleIsPrinted() {
        assertRejects("""
        stages:
          a:
            uses: test.parity
            needs: { number: c }
          b:
            uses: test.parity
            needs: { number: a }
          c:
            uses: test.parity
            needs: { number: b }
        """, line: 2, "cycle: a -> c -> b -> a")
    }

    func testUnknownProfile() throws {
        let spec = try parse("profiles:\n  smoke: {}\nstages:\n  a:\n    uses: test.source\n")
        XCTAssertThrowsError(try Plan(spec, profile: "papr")) { error in
            XCTAssertEqual(String(describing: error), "pipeline.yaml:1: unknown profile papr (profiles: default, smoke)")
        }
    }
}
