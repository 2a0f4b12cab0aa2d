import XCTest
@testable import Pipeline

final class SummaryReportTests: XCTestCase {
    func testDottedNamesNestAndSiblingsMerge() {
        var r = SummaryReport()
        r.fact("main.icl.peak", 0.75)
        r.fact("main.icl.peak_at", 1_600_000.0)
        r.fact("main.signature_reproduced", false)
        r.fact("seeds.1.flip.end", 0.125)
        r.fact("profile", "default")
        XCTAssertEqual(r.json, .object([
            "main": .object(["icl": .object(["peak": .double(0.75), "peak_at": .double(1_600_000)]), "signature_reproduced": .bool(false)]),
            "seeds": .object(["1": .object(["flip": .object(["end": .double(0.125)])])]),
            "profile": .string("default"),
        ]))
        XCTAssertEqual(r.value(at: "main.icl.peak"), .double(0.75))
        XCTAssertNil(r.value(at: "main.flip"))
        XCTAssertNil(r.value(at: "main.icl.peak.deeper"))
    }

    func testNumbersThatAreNotFiniteBecomeNullAndLinesKeepTheirOrder() {
        var r = SummaryReport()
        r.line("first")
        r.fact("never", Double.infinity)
        r.fact("undefined", Double.nan)
        r.line("second")
        XCTAssertEqual(r.value(at: "never"), .null)
        XCTAssertEqual(r.value(at: "undefined"), .null)
        XCTAssertEqual(r.lines, ["first", "second"])
        XCTAssertTrue(r.json.pretty.contains("\"never\": null"), r.json.pretty)
    }
}
