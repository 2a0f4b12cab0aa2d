import Pipeline
@testable import Reports
import XCTest

final class ClaimTextTests: XCTestCase {
    struct Failure: Error, Equatable { let message: String }
    let facts = Facts(root: .object([
        "main": .object(["peak": .double(0.5453), "at": .int(2_200_000), "never": .null, "ok": .bool(true),
                         "share": .double(0.125)]),
        "runs": .array([.object(["exact": .double(0.25)])]),
    ]))

    func render(_ text: String) throws -> String {
        try ClaimText(text, fail: Failure.init).render(facts, missing: Failure.init)
    }

    func testPlaceholdersTakePythonStyleFormats() throws {
        XCTAssertEqual(try render("peak {main.peak:.3f} at {main.at:,d}"), "peak 0.545 at 2,200,000")
        XCTAssertEqual(try render("{main.share:.1%} of {main.at:.2e}"), "12.5% of 2.20e6")
        XCTAssertEqual(try render("{main.peak} {main.at} {main.ok}"), "0.545 2200000 yes")
        XCTAssertEqual(try render("{runs.0.exact:.2f}"), "0.25", "a number in the path indexes an array")
        XCTAssertEqual(try render("{main.at:.2g} {main.share:.2e}"), "2.2e6 1.25e-1")
        XCTAssertEqual(try render("no placeholder"), "no placeholder")
        XCTAssertEqual(ClaimText.format(-0.001, spec: ".2f"), "0.00", "no sign on a value that rounds to zero")
        XCTAssertEqual(ClaimText.format(-0.01, spec: ".2f"), "-0.01")
        XCTAssertEqual(try render("S ~ U{{1..5}} and {main.at:,d}"), "S ~ U{1..5} and 2,200,000", "doubled braces are literal")
    }

    func testNullFactsNeedAFallback() throws {
        XCTAssertEqual(try render("from {main.never:,d|never}"), "from never")
        XCTAssertThrowsError(try render("{main.never}")) { error in
            XCTAssertEqual((error as? Failure)?.message, "fact main.never is null; give a fallback: {main.never|never}")
        }
    }

    func testAMissingFactNamesWhatIsThere() {
        XCTAssertThrowsError(try render("{main.peek}")) { error in
            XCTAssertEqual((error as? Failure)?.message, "no fact main.peek (under main: at, never, ok, peak, share)")
        }
        XCTAssertThrowsError(try render("{main}")) { error in
            XCTAssertTrue((error as? Failure)?.message.hasPrefix("fact main is a group, not a value") == true)
        }
    }

    func testMalformedPlaceholdersAreRejectedWhenParsed() {
        XCTAssertThrowsError(try ClaimText("peak {main.peak", fail: Failure.init)) { error in
            XCTAssertEqual((error as? Failure)?.message, "\"{\" without a closing \"}\" in \"peak {main.peak\"")
        }
        XCTAssertThrowsError(try ClaimText("{main.peak:3f}", fail: Failure.init)) { error in
            XCTAssertTrue((error as? Failure)?.message.contains("unknown format \"3f\"") == true)
        }
        XCTAssertThrowsError(try ClaimText("{ }", fail: Failure.init))
        XCTAssertThrowsError(try ClaimText("U{1..5}}", fail: Failure.init))
    }

    func testConditionsCombineComparisonsWithAndBeforeOr() throws {
        func holds(_ text: String) throws -> Bool { try ClaimCondition(text, fail: Failure.init).holds(facts, fail: Failure.init) }
        XCTAssertTrue(try holds("main.peak >= 0.5 and main.at < 3e6"))
        XCTAssertFalse(try holds("main.peak >= 0.55 and main.at < 3e6"))
        XCTAssertTrue(try holds("main.peak >= 0.55 and main.at < 3e6 or main.ok"), "and binds tighter than or")
        XCTAssertFalse(try holds("not main.ok"))
        XCTAssertTrue(try holds("main.share < main.peak"), "a fact compared with a fact")
        XCTAssertTrue(try holds("not main.peak > 0.6"))
        XCTAssertFalse(try holds("main.never < 1e9"), "a null fact satisfies no comparison")
        XCTAssertTrue(try holds("runs.0.exact == 0.25"))
        XCTAssertTrue(try holds("main.peak < 5*main.share"), "0.545 < 0.625")
        XCTAssertFalse(try holds("main.peak < 4*main.share"), "0.545 < 0.5")
        XCTAssertThrowsError(try holds("main.peek > 0")) { error in
            XCTAssertEqual((error as? Failure)?.message, "no fact main.peek (under main: at, never, ok, peak, share)")
        }
        XCTAssertThrowsError(try holds("main.peak > 0.5 and")) { error in
            XCTAssertTrue((error as? Failure)?.message.contains("without a comparison beside it") == true)
        }
        XCTAssertThrowsError(try holds("main.peak is high"))
        XCTAssertThrowsError(try holds("main.peak")) { error in
            XCTAssertEqual((error as? Failure)?.message, "fact main.peak is not yes/no")
        }
    }
}
