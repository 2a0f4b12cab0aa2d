import XCTest
import Linalg
@testable import Transience

/// The training data and the four evaluators exactly as spec 001-003 §1.3 and §5 construct them.
final class TransienceSequenceTests: XCTestCase {
    let classes = 40, exemplars = 20, draws = 4000

    func sample(_ set: TransienceSet, seed: UInt64 = 1) -> [TransienceSequence] {
        var rng = RNG(seed: seed)
        return (0..<draws).map { _ in TransienceSequence.draw(set, classes: classes, exemplars: exemplars, &rng) }
    }

    func pairs(_ s: TransienceSequence) -> [LabelledExemplar] { [s.first, s.second] }

    func testTrainingSequencesAreBurstyWithTrainingLabels() {
        var queryPairFirst = 0, sameExemplar = 0
        for s in sample(.train) {
            let same = pairs(s).filter { $0.classIndex == s.queryClass }
            XCTAssertEqual(same.count, 1, "exactly one context pair from the query's class")
            XCTAssertNotEqual(s.first.classIndex, s.second.classIndex)
            for p in pairs(s) { XCTAssertEqual(p.label, p.classIndex, "training labels are the class indices") }
            XCTAssertEqual(s.target, s.queryClass)
            if s.first.classIndex == s.queryClass { queryPairFirst += 1 }
            if same[0].exemplar == s.queryExemplar { sameExemplar += 1 }
        }
        XCTAssertEqual(Double(queryPairFirst), Double(draws) / 2, accuracy: 160, "the pairs' order is shuffled")
        // Exemplars are drawn independently: the context one equals the query's 1 time in 20.
        XCTAssertEqual(Double(sameExemplar), Double(draws) / 20, accuracy: 70)
    }

    func testMatchedSequencesShowTheQueryExemplarItself() {
        for s in sample(.matched) {
            let same = pairs(s).first { $0.classIndex == s.queryClass }!
            XCTAssertEqual(same.exemplar, s.queryExemplar)
            XCTAssertEqual(same.label, s.queryClass)
        }
    }

    func testICLEvaluatorRelabelsTheContextZeroAndOne() {
        var queryGotOne = 0
        for s in sample(.icl) {
            XCTAssertEqual(Set([s.first.label, s.second.label]), [0, 1])
            let same = pairs(s).first { $0.classIndex == s.queryClass }!
            XCTAssertEqual(s.target, same.label)
            if s.target == 1 { queryGotOne += 1 }
        }
        XCTAssertEqual(Double(queryGotOne), Double(draws) / 2, accuracy: 160)
    }

    func testIWLEvaluatorLeavesTheQueryClassAndItsLabelOutOfContext() {
        for s in sample(.iwl) {
            for p in pairs(s) {
                XCTAssertNotEqual(p.classIndex, s.queryClass)
                XCTAssertEqual(p.label, p.classIndex)
            }
            XCTAssertNotEqual(s.first.classIndex, s.second.classIndex)
            XCTAssertEqual(s.target, s.queryClass)
            XCTAssertFalse([s.first.label, s.second.label].contains(s.target))
        }
    }

    func testCIWLEvaluatorPutsTheQueryLabelOnAnotherClassesExemplar() {
        var onFirst = 0
        for s in sample(.ciwl) {
            for p in pairs(s) { XCTAssertNotEqual(p.classIndex, s.queryClass) }
            let carriers = pairs(s).filter { $0.label == s.queryClass }
            XCTAssertEqual(carriers.count, 1)
            let other = pairs(s).first { $0.label != s.queryClass }!
            XCTAssertEqual(other.label, other.classIndex, "the other pair keeps its training label")
            XCTAssertEqual(s.target, s.queryClass)
            if s.first.label == s.queryClass { onFirst += 1 }
        }
        XCTAssertEqual(Double(onFirst), Double(draws) / 2, accuracy: 160)
    }

    func testFlipEvaluatorSwapsTheTwoLabels() {
        for s in sample(.flip) {
            let same = pairs(s).first { $0.classIndex == s.queryClass }!, foreign = pairs(s).first { $0.classIndex != s.queryClass }!
            XCTAssertEqual(same.label, foreign.classIndex)
            XCTAssertEqual(foreign.label, s.queryClass)
            XCTAssertEqual(s.target, same.label, "the target is the label shown with the query's class")
        }
    }

    func testEvaluatorsDrawFromTheirClassAndExemplarPools() {
        var rng = RNG(seed: 3)
        for set in TransienceSet.allCases {
            for _ in 0..<500 {
                let s = TransienceSequence.draw(set, classes: 7, exemplars: 3, &rng)
                for p in pairs(s) { XCTAssertTrue((0..<7).contains(p.classIndex) && (0..<3).contains(p.exemplar), "\(set)") }
                XCTAssertTrue((0..<7).contains(s.queryClass) && (0..<3).contains(s.queryExemplar), "\(set)")
            }
        }
    }

    func testInContextAccuracyArgmaxesOverTheContextLabelsOnly() {
        let s = TransienceSequence(first: LabelledExemplar(classIndex: 5, exemplar: 0, label: 2),
                                   second: LabelledExemplar(classIndex: 6, exemplar: 0, label: 3),
                                   queryClass: 5, queryExemplar: 1, target: 2)
        // Label 4 has the largest logit but is not in context: label 2 beats label 3, so correct.
        let logits: [Float] = [0, 0, 1.5, 1.0, 9]
        logits.withUnsafeBufferPointer { XCTAssertTrue(s.inContextCorrect($0)) }
        let wrong: [Float] = [0, 0, 1.0, 1.5, 9]
        wrong.withUnsafeBufferPointer { XCTAssertFalse(s.inContextCorrect($0)) }
    }

    func testNonlinearExemplarsKeepClassesApartAndAreReproducible() {
        let settings = ClassWorld.Settings(classes: 30, exemplarsPerClass: 4, exemplarSize: 32, spread: 0.3, generator: .nonlinear, latentSize: 8)
        let world = ClassWorld(settings: settings, seed: 5), again = ClassWorld(settings: settings, seed: 5)
        XCTAssertEqual(world.exemplars, again.exemplars)
        let (same, different) = meanSquaredDistances(world)
        XCTAssertLessThan(same, 0.5 * different, "a class's exemplars lie closer together than two classes'")
        XCTAssertGreaterThan(same, 0, "exemplars of a class differ")
    }

    func testExemplarsOfAClassScatterAroundOnePrototypeBySpread() {
        let world = ClassWorld(settings: .init(classes: 50, exemplarsPerClass: 20, exemplarSize: 64, spread: 0.5), seed: 2)
        // Same class: E|e - e'|^2 = 2 sigma^2 d = 32; different classes: 2 (1 + sigma^2) d = 160.
        let (same, different) = meanSquaredDistances(world)
        XCTAssertEqual(same, 32, accuracy: 4)
        XCTAssertEqual(different, 160, accuracy: 16)
    }

    /// Mean squared distance between exemplars 0 and 1 of each class, and between exemplar 0
    /// of each class and of the next.
    func meanSquaredDistances(_ world: ClassWorld) -> (same: Double, different: Double) {
        let d = world.settings.exemplarSize, x = world.exemplars, n = world.settings.classes
        func distance2(_ i: Int, _ j: Int) -> Double {
            (0..<d).reduce(0) { $0 + Double((x[i * d + $1] - x[j * d + $1]) * (x[i * d + $1] - x[j * d + $1])) }
        }
        var same = 0.0, different = 0.0
        for c in 0..<n {
            same += distance2(world.row(c, 0), world.row(c, 1))
            different += distance2(world.row(c, 0), world.row((c + 1) % n, 0))
        }
        return (same / Double(n), different / Double(n))
    }
}
