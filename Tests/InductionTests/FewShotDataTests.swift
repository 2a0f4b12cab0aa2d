import XCTest
import Linalg
import Transformer
@testable import Induction

/// Invariants of thesis ch. 4's few-shot data (spec E4).
final class FewShotDataTests: XCTestCase {
    let world = FewShotWorld(settings: .init(classes: 50, testClasses: 100, labels: 5, exemplarSize: 8, heldOutPairs: 2), seed: 4)

    func testHeldOutPairsAreDisjointFromTrainingPairsAndCoverEveryPair() {
        XCTAssertEqual(world.heldOutPairs.count, 2)
        XCTAssertEqual(world.trainPairs.count, 8)
        XCTAssertTrue(Set(world.trainPairs).isDisjoint(with: world.heldOutPairs))
        XCTAssertEqual(Set(world.trainPairs + world.heldOutPairs).count, 10)
    }

    func testTrainingSetHasTheThesisCountOfDistinctSequences() {
        let all = FewShotSequence.allTraining(world)
        XCTAssertEqual(all.count, 78_400)
        XCTAssertEqual(Set(all.map { "\($0.first) \($0.second) \($0.firstLabel) \($0.secondLabel) \($0.queryIsFirst)" }).count, 78_400)
    }

    func testEverySplitDrawsWhatItPromises() {
        var rng = RNG(seed: 1)
        let train = Set(world.trainPairs.map { [$0.a, $0.b] }), held = Set(world.heldOutPairs.map { [$0.a, $0.b] })
        for split in FewShotSplit.allCases {
            var queryFirst = 0, swapped = 0
            for _ in 0..<4000 {
                let s = FewShotSequence.draw(split, world: world, &rng)
                XCTAssertNotEqual(s.first, s.second)
                XCTAssertNotEqual(s.firstLabel, s.secondLabel)
                let classes = split == .exemplars ? 50..<150 : 0..<50
                XCTAssertTrue(classes.contains(s.first) && classes.contains(s.second), "\(split): classes \(s.first), \(s.second)")
                let pair = [min(s.firstLabel, s.secondLabel), max(s.firstLabel, s.secondLabel)]
                XCTAssertTrue((split == .relabel ? held : train).contains(pair), "\(split): label pair \(pair)")
                XCTAssertEqual(s.target, s.queryIsFirst ? s.firstLabel : s.secondLabel)
                if s.queryIsFirst { queryFirst += 1 }
                if s.firstLabel > s.secondLabel { swapped += 1 }
            }
            // Query side and label order are fair coins (4000 draws: 5 sigma is about 160).
            XCTAssertEqual(Double(queryFirst), 2000, accuracy: 160)
            XCTAssertEqual(Double(swapped), 2000, accuracy: 160)
        }
    }

    func testBatchLayoutPutsExemplarsLabelsTargetAndClampRowWhereTheModelReadsThem() {
        let batch = FewShotBatch(batch: 2, exemplarSize: 8)
        let s = FewShotSequence(first: 3, second: 7, firstLabel: 4, secondLabel: 1, queryIsFirst: false)
        batch.set(1, s, world: world)
        for (slot, c) in [3, 7, 7].enumerated() {
            XCTAssertEqual(Array(batch.exemplars[((3 + slot) * 8)..<((4 + slot) * 8)]), Array(world.exemplars[(c * 8)..<((c + 1) * 8)]))
        }
        XCTAssertEqual(Array(batch.labels[2..<4]), [4, 1])
        XCTAssertEqual(batch.targets[9], 1)
        XCTAssertEqual(Array(batch.mask[5..<10]), [false, false, false, false, true])
        XCTAssertEqual(Array(batch.targetRows[5..<10]), [0, 0, 0, 1, 0])
    }

    func testCounterBasedStreamGivesTheSameBatchForTheSameStep() {
        let a = FewShotBatchSource(world: world, batch: 4, seed: 9), b = FewShotBatchSource(world: world, batch: 4, seed: 9)
        a.fill(step: 17, threads: 1); b.fill(step: 3, threads: 1); b.fill(step: 17, threads: 1)
        XCTAssertEqual(a.sequences, b.sequences)
        a.fill(step: 18, threads: 1)
        XCTAssertNotEqual(a.sequences, b.sequences)
    }
}
