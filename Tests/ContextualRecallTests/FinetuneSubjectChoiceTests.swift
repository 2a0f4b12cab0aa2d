import XCTest
@testable import ContextualRecall

/// The greedy choice of finetuning subjects behind Fig. 13's x-axis.
final class FinetuneSubjectChoiceTests: XCTestCase {
    private let world = RelationWorld(subjects: 256, valueCounts: [32, 32, 32, 32, 32, 32, 32, 32], grammarTokens: 4,
                                      grammarLength: 2, blocks: 1, finetunePool: 128, seed: 5)

    func testDistinctValuesCountedPerType() {
        let tiny = RelationWorld(subjects: 4, valueCounts: [2, 4], grammarTokens: 1, grammarLength: 1, blocks: 1, finetunePool: 2, seed: 1)
        let subjects = [0, 1, 2, 3]
        // Balanced facts: type 0's two values go to two subjects each, type 1's four to one each.
        XCTAssertEqual(FinetuneSubjectChoice.uniqueValuesPerType(tiny, subjects: subjects), (2 + 4) / 2)
        XCTAssertEqual(FinetuneSubjectChoice.uniqueValuesPerType(tiny, subjects: [0]), 1)
    }

    func testChoiceIsDistinctDeterministicAndFromThePool() {
        for target in [4.0, 16.0, 32.0] {
            let chosen = FinetuneSubjectChoice.greedy(world, count: 32, uniqueValues: target)
            XCTAssertEqual(chosen.count, 32)
            XCTAssertEqual(Set(chosen).count, 32)
            XCTAssertTrue(Set(chosen).isSubset(of: world.finetuneSubjects))
            XCTAssertEqual(chosen, FinetuneSubjectChoice.greedy(world, count: 32, uniqueValues: target))
        }
    }

    func testTargetsSpreadTheDistinctValuesAroundARandomChoice() {
        let random = FinetuneSubjectChoice.uniqueValuesPerType(world, subjects: Array(world.finetuneSubjects.prefix(32)))
        let achieved = [4.0, 12.0, 20.0, 28.0, 32.0].map {
            FinetuneSubjectChoice.uniqueValuesPerType(world, subjects: FinetuneSubjectChoice.greedy(world, count: 32, uniqueValues: $0))
        }
        XCTAssertEqual(achieved, achieved.sorted(), "more distinct values asked, more held: \(achieved)")
        XCTAssertLessThan(achieved.first!, random - 4, "\(achieved) vs random \(random)")
        XCTAssertGreaterThan(achieved.last!, random + 3, "\(achieved) vs random \(random)")
        XCTAssertEqual(achieved[2], 20, accuracy: 1, "a target inside the reachable range is met")
    }

    func testAReachableTargetIsHitExactly() {
        // Each value is held by about 8 pool subjects, so 6 subjects can hold anything from 1 to 4 values.
        let oneType = RelationWorld(subjects: 64, valueCounts: [4], grammarTokens: 1, grammarLength: 1, blocks: 1, finetunePool: 32, seed: 2)
        for target in 1...4 {
            let chosen = FinetuneSubjectChoice.greedy(oneType, count: 6, uniqueValues: Double(target))
            XCTAssertEqual(FinetuneSubjectChoice.uniqueValuesPerType(oneType, subjects: chosen), Double(target), "target \(target)")
        }
    }
}
