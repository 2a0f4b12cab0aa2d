import XCTest
@testable import Pipeline

/// A stage's `profiles:` key: stages that only some profiles plan, and list inputs that keep the
/// references their profile holds.
final class ProfileStagesTests: XCTestCase {
    /// A grid over cells: `coarse` in the default and smoke profiles, `fine` in paper only.
    private let grid = """
    version: 1
    profiles:
      smoke: { "c*.value": 2 }
      paper: { "f*.size": 5 }
    stages:
      coarse:
        uses: test.source
        profiles: [smoke, default]
      fine:
        uses: test.source
        profiles: [paper]
        params: { value: 7 }
      shared:
        uses: test.source
      grid:
        uses: test.sum
        needs: { parts: [coarse, fine, shared] }
    """

    private func parse(_ yaml: String) throws -> PipelineSpec { try PipelineLoader(registry: testRegistry).parse(yaml) }

    private func assertRejects(_ yaml: String, line: Int, _ fragments: String..., file: StaticString = #filePath, lineNo: UInt = #line) {
        XCTAssertThrowsError(try parse(yaml), file: file, line: lineNo) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix("pipeline.yaml:\(line): "), "wrong line in: \(text)", file: file, line: lineNo)
            for fragment in fragments { XCTAssertTrue(text.contains(fragment), "'\(fragment)' missing from: \(text)", file: file, line: lineNo) }
        }
    }

    func testEachProfilePlansItsOwnStagesAndAListInputKeepsThem() throws {
        let spec = try parse(grid)
        for (profile, cells) in [("default", ["coarse", "shared"]), ("smoke", ["coarse", "shared"]), ("paper", ["fine", "shared"])] {
            let plan = try Plan(spec, profile: profile)
            XCTAssertEqual(plan.instances.map(\.name).sorted(), (cells + ["grid"]).sorted(), profile)
            XCTAssertEqual(plan["grid"]!.inputs[0].artifacts.map(\.instance), cells, profile)
        }
        XCTAssertEqual(try Plan(spec, profile: "paper")["fine"]!.params.int("size"), 5)
        XCTAssertEqual(try Plan(spec, profile: "smoke")["coarse"]!.params.int("value"), 2)
    }

    func testATargetOutsideTheProfileSaysWhichProfilesHoldIt() throws {
        let plan = try Plan(try parse(grid), profile: "default")
        XCTAssertThrowsError(try plan.selection(["fine"], downstream: false)) { error in
            XCTAssertEqual(String(describing: error),
                           "pipeline.yaml:11: stage fine is not in profile default (its profiles: paper); choose one with --profile")
        }
        XCTAssertThrowsError(try plan.selection(["fi*"], downstream: false)) { error in
            XCTAssertTrue(String(describing: error).contains("fi* matches no stage of profile default"), "\(error)")
        }
        XCTAssertEqual(try plan.selection(["grid"], downstream: false).map(\.name), ["coarse", "shared", "grid"])
        XCTAssertEqual(plan.missing("fine").description,
                       "pipeline.yaml:11: stage fine is not in profile default (its profiles: paper); choose one with --profile")
        XCTAssertEqual(plan.missing("nothing").description,
                       "unknown stage nothing (toyworld dag --profile default lists the stage instances)")
        XCTAssertThrowsError(try plan.selection(["shared[value=3]"], downstream: false)) { error in
            XCTAssertEqual(String(describing: error), "stage shared has no instance shared[value=3] (toyworld dag --profile default lists the stage instances)")
        }
    }

    func testAFanOutStageAndAGroupFollowTheProfile() throws {
        let spec = try parse("""
        profiles:
          paper: {}
        groups:
          cells: ["seeds", coarse]
        stages:
          coarse:
            uses: test.source
            profiles: [default]
          seeds:
            uses: test.source
            profiles: [paper]
            foreach: { value: [1, 2] }
          grid:
            uses: test.sum
            needs: { parts: [coarse, "seeds[*]"] }
        """)
        let paper = try Plan(spec, profile: "paper"), standard = try Plan(spec, profile: "default")
        XCTAssertEqual(paper["grid"]!.inputs[0].artifacts.map(\.instance), ["seeds[value=1]", "seeds[value=2]"])
        XCTAssertEqual(standard["grid"]!.inputs[0].artifacts.map(\.instance), ["coarse"])
        XCTAssertEqual(try spec.targets(ofGroup: "cells", profile: "paper"), ["seeds"])
        XCTAssertEqual(try spec.targets(ofGroup: "cells", profile: "default"), ["coarse"])
        XCTAssertEqual(paper.missing("seeds").description.hasPrefix("stage seeds fans out into 2 instances; name one"), true)
        XCTAssertEqual(standard.missing("seeds[value=1]").description,
                       "pipeline.yaml:11: stage seeds is not in profile default (its profiles: paper); choose one with --profile")
    }

    func testAnOptionalInputMayLoseAllItsReferences() throws {
        let spec = try parse("""
        profiles:
          paper: {}
        stages:
          fine:
            uses: test.source
            profiles: [paper]
          base:
            uses: test.source
          grid:
            uses: test.sum
            needs: { parts: [base], extra: fine }
        """)
        XCTAssertEqual(try Plan(spec, profile: "default")["grid"]!.inputs.map(\.name), ["parts"])
        XCTAssertEqual(try Plan(spec, profile: "paper")["grid"]!.inputs.map(\.name), ["parts", "extra"])
    }

    func testAOneArtifactInputMustNameAStageOfEveryProfileItsStageIsIn() {
        assertRejects("""
        profiles:
          paper: {}
        stages:
          fine:
            uses: test.source
            profiles: [paper]
          half:
            uses: test.parity
            needs: { number: fine }
        """, line: 9, "stage half: input number in profile default refers to stage fine, which is not in profile default (its profiles: paper, line 6)",
           "give stage half a profiles: key that leaves default out too")
    }

    func testAListInputLeftWithNothingIsAnError() {
        assertRejects("""
        profiles:
          paper: {}
        stages:
          fine:
            uses: test.source
            profiles: [paper]
          grid:
            uses: test.sum
            needs: { parts: [fine] }
        """, line: 9, "stage grid: input parts in profile default refers to stage fine")
    }

    func testProfileNamesMustBeKnownAndListedOnce() {
        assertRejects("""
        profiles:
          paper: {}
        stages:
          fine:
            uses: test.source
            profiles: [papr]
        """, line: 6, "stage fine: profiles names unknown profile papr (profiles: default, paper)")
        assertRejects("""
        stages:
          fine:
            uses: test.source
            profiles: default
        """, line: 4, "stage fine: profiles must be a non-empty list of profile names, found string \"default\"")
        assertRejects("""
        stages:
          fine:
            uses: test.source
            profiles: [default, default]
        """, line: 4, "stage fine: profiles lists default twice")
        assertRejects("""
        stages:
          fine:
            uses: test.source
            profiles: []
        """, line: 4, "stage fine: profiles must be a non-empty list of profile names, found an empty list")
    }

    func testOverridesReachOnlyTheirProfilesStages() throws {
        assertRejects("""
        profiles:
          smoke: { fine.value: 2 }
          paper: {}
        stages:
          fine:
            uses: test.source
            profiles: [paper]
        """, line: 2, "profile smoke: override fine.value names stage fine, which is not in profile smoke (its profiles: paper, line 7)")
        assertRejects("""
        profiles:
          smoke: { "f*.value": 2 }
          paper: {}
        stages:
          fine:
            uses: test.source
            profiles: [paper]
          other:
            uses: test.source
        """, line: 2, "profile smoke: override f*.value: f* matches no stage of profile smoke; it matches stages of profile paper only")
        let spec = try parse(grid)
        let loader = PipelineLoader(registry: testRegistry)
        XCTAssertEqual(try loader.commandLineOverrides(["*.value=4"], spec: spec, profile: "paper").map(\.stage), ["fine", "shared"])
        XCTAssertThrowsError(try loader.commandLineOverrides(["fine.value=4"], spec: spec, profile: "default")) { error in
            XCTAssertTrue(String(describing: error).contains("names stage fine, which is not in profile default"), "\(error)")
        }
    }
}
