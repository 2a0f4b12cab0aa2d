import XCTest
import Linalg
@testable import ContextualRecall

final class SequenceTests: XCTestCase {
    let world = TinyWorld.make()
    var s: WorldSettings { world.settings }
    var v: Vocabulary { world.vocabulary }

    private func tokens(_ batch: SequenceBatch, row: Int) -> [Int32] {
        let n = batch.sequenceLengths[row], base = row * batch.length
        return Array(batch.inputs[base..<(base + n - 1)]) + [batch.targets[base + n - 2]]
    }

    private func isGrammar(_ t: Int32) -> Bool { Int(t) >= v.grammarOffset && t != v.separator }

    func testPretrainingSequencesHaveTheSectionTwoFormat() {
        let all = Array(0..<s.subjects)
        let generator = SequenceGenerator(world: world, kind: .pretraining(finalFact: false), querySubjects: all, demonstrationSubjects: all)
        let batch = generator.makeBatch(400)
        var rng = RNG(seed: 2)
        generator.fill(batch, &rng)
        XCTAssertEqual(s.pretrainLength, (s.grammarLength + 3) * s.blocks - 1)
        var grammarOnly = 0
        for row in 0..<batch.batch {
            let x = tokens(batch, row: row)
            XCTAssertEqual(x.count, s.pretrainLength)
            let j = batch.querySubject[row]
            for b in 0..<s.blocks {
                let block = Array(x[(b * (s.grammarLength + 3))..<(b * (s.grammarLength + 3) + s.grammarLength + 2)])
                if b > 0 { XCTAssertEqual(x[b * (s.grammarLength + 3) - 1], v.separator) }
                if block.allSatisfy(isGrammar) { grammarOnly += 1; continue }
                XCTAssertEqual(block.first, v.subject(j))
                XCTAssertTrue(block[1...s.grammarLength].allSatisfy(isGrammar))
                let attribute = block.last!
                guard let type = v.attributeType(of: attribute) else { return XCTFail("block \(b) does not end in an attribute") }
                XCTAssertEqual(attribute, world.attribute(subject: j, type: type))
                if b == s.blocks - 1 { XCTAssertEqual(type, batch.queryType[row]) }
            }
            XCTAssertTrue(batch.lossMask[(row * batch.length)..<((row + 1) * batch.length)].allSatisfy { $0 })
        }
        // Grammar-only blocks at rate p_G (binomial, 4 sigma).
        let n = Double(batch.batch * s.blocks), p = s.grammarOnlyProbability
        XCTAssertEqual(Double(grammarOnly), n * p, accuracy: 4 * (n * p * (1 - p)).squareRoot())
    }

    func testEvaluationPretrainingSequencesEndInAFact() {
        let all = Array(0..<s.subjects)
        let generator = SequenceGenerator(world: world, kind: .pretraining(finalFact: true), querySubjects: all, demonstrationSubjects: all)
        let batch = generator.makeBatch(200)
        var rng = RNG(seed: 3)
        generator.fill(batch, &rng)
        for row in 0..<batch.batch {
            let last = tokens(batch, row: row).last!
            XCTAssertEqual(last, world.attribute(subject: batch.querySubject[row], type: batch.queryType[row]))
        }
    }

    func testInContextSequencesHaveTheSectionTwoFormat() {
        let demonstrations = world.finetuneSubjects(5), queries = world.heldOutSubjects
        for maxGrammar in [0, 2] {
            let generator = SequenceGenerator(world: world, kind: .incontext(grammar: (maxGrammar == 0 ? 0 : 1)...maxGrammar),
                                              querySubjects: queries, demonstrationSubjects: demonstrations)
            let batch = generator.makeBatch(300)
            XCTAssertEqual(batch.length, s.iclLength(grammar: maxGrammar) - 1)
            var rng = RNG(seed: 4)
            generator.fill(batch, &rng)
            var grammarLengths = Set<Int>()
            for row in 0..<batch.batch {
                let x = tokens(batch, row: row), type = batch.queryType[row]
                let sft = (x.count + 1) / (s.iclExamples + 1) - 3
                XCTAssertEqual(x.count, s.iclLength(grammar: sft))
                grammarLengths.insert(sft)
                for e in 0...s.iclExamples {
                    let start = e * (sft + 3)
                    let subject = Int(x[start])
                    XCTAssertTrue((e == s.iclExamples ? queries : demonstrations).contains(subject))
                    XCTAssertTrue(x[(start + 1)..<(start + 1 + sft)].allSatisfy(isGrammar))
                    XCTAssertEqual(x[start + 1 + sft], world.attribute(subject: subject, type: type))
                    if e < s.iclExamples { XCTAssertEqual(x[start + sft + 2], v.separator) }
                }
                XCTAssertEqual(Int(x[x.count - 2 - sft]), batch.querySubject[row])
                // Right padding is masked out and filled with [sep].
                for t in (x.count - 1)..<batch.length {
                    XCTAssertFalse(batch.lossMask[row * batch.length + t])
                    XCTAssertEqual(batch.inputs[row * batch.length + t], v.separator)
                }
            }
            XCTAssertEqual(grammarLengths, maxGrammar == 0 ? [0] : Set(1...maxGrammar), "S_ft must be drawn per sequence")
        }
    }

    func testAttributeOnlyLossMasksExactlyTheAttributeTargets() {
        let pool = world.finetuneSubjects(8)
        let generator = SequenceGenerator(world: world, kind: .incontext(grammar: 1...2), querySubjects: pool,
                                          demonstrationSubjects: pool, lossPositions: .attributes)
        let batch = generator.makeBatch(20)
        var rng = RNG(seed: 5)
        generator.fill(batch, &rng)
        for row in 0..<batch.batch {
            let active = (0..<batch.length).filter { batch.lossMask[row * batch.length + $0] }
            XCTAssertEqual(active.count, s.iclExamples + 1)
            XCTAssertTrue(active.allSatisfy { v.attributeType(of: batch.targets[row * batch.length + $0]) != nil })
            XCTAssertEqual(active.last, batch.queryPosition(row))
        }
    }

    func testSameSeedSameBatch() {
        let all = Array(0..<s.subjects)
        let generator = SequenceGenerator(world: world, kind: .pretraining(finalFact: false), querySubjects: all, demonstrationSubjects: all)
        let a = generator.makeBatch(8), b = generator.makeBatch(8)
        var r1 = RNG(seed: 9), r2 = RNG(seed: 9)
        generator.fill(a, &r1); generator.fill(b, &r2)
        XCTAssertEqual(Array(a.inputs), Array(b.inputs))
        XCTAssertEqual(Array(a.targets), Array(b.targets))
    }
}
