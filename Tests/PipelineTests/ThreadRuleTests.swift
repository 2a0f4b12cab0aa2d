import XCTest
@testable import Pipeline

/// How `repro -j N` shares the cores among stages (docs/executors.md, "Thread rule").
final class ThreadRuleTests: XCTestCase {
    func testStagesSideBySideGetOneCoreEachAndALoneStageGetsThemAll() {
        XCTAssertEqual(Engine.threadsForStage(runnable: 2, jobs: 2, cores: 2), 1)
        XCTAssertEqual(Engine.threadsForStage(runnable: 5, jobs: 2, cores: 2), 1, "never more threads than cores")
        XCTAssertEqual(Engine.threadsForStage(runnable: 1, jobs: 2, cores: 2), 2, "the end of a chain runs alone")
        XCTAssertEqual(Engine.threadsForStage(runnable: 2, jobs: 4, cores: 8), 4)
        XCTAssertEqual(Engine.threadsForStage(runnable: 3, jobs: 8, cores: 2), 1)
        XCTAssertEqual(Engine.threadsForStage(runnable: 0, jobs: 2, cores: 2), 2)
    }
}
