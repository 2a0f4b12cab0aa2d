import XCTest
@testable import Pipeline

/// `toyworld kinds` shows each parameter's range and each kind's rules.
final class KindCatalogTests: XCTestCase {
    func testCatalogShowsRangesAndRules() {
        let text = KindCatalog.describe(StageRegistry([TrainKind.self]))
        XCTAssertTrue(text.contains("  param  batch: int, default 8, in [1, inf) — sequences per step\n"), text)
        XCTAssertTrue(text.contains("  param  lr: double, default 0.001, in (0, inf) — learning rate\n"), text)
        XCTAssertTrue(text.contains("  param  noise: list of double, default [], each in [0, inf) — noise levels\n"), text)
        XCTAssertTrue(text.contains("  param  seed: int, default 0 — unranged\n"), text)
        XCTAssertTrue(text.contains("  rule   batch divides checkpoint_every\n  rule   heads divides width\n  rule   restart_at < examples\n"), text)
    }
}
