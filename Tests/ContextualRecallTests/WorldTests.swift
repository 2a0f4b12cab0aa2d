import XCTest
import Artifacts
import Linalg
@testable import ContextualRecall

final class WorldTests: XCTestCase {
    func testVocabularyLayoutMatchesSpec() {
        let v = Vocabulary(subjects: 256, valueCounts: [256] + Array(repeating: 32, count: 7), grammarTokens: 64)
        XCTAssertEqual(v.size, 801)   // spec B.1: V = M + sum M_l + G + 1
        XCTAssertNil(v.attributeType(of: 255))
        XCTAssertEqual(v.attributeType(of: 256), 0)
        XCTAssertEqual(v.attributeType(of: 511), 0)
        XCTAssertEqual(v.attributeType(of: 512), 1)
        XCTAssertEqual(v.attributeType(of: Int32(v.grammarOffset - 1)), 7)
        XCTAssertNil(v.attributeType(of: v.grammar(0)))
        XCTAssertNil(v.attributeType(of: v.separator))
    }

    func testBalancedAssignmentUsesEveryValueEquallyOften() {
        let world = TinyWorld.make()
        let s = world.settings
        for l in 0..<s.types {
            var uses = [Int32: Int]()
            for j in 0..<s.subjects {
                let a = world.attribute(subject: j, type: l)
                XCTAssertEqual(world.vocabulary.attributeType(of: a), l)
                uses[a, default: 0] += 1
            }
            XCTAssertEqual(uses.count, s.valueCounts[l], "type \(l) leaves values unused")
            XCTAssertEqual(Set(uses.values), [s.subjects / s.valueCounts[l]], "type \(l) is not balanced")
        }
    }

    func testSplitIsADisjointCover() {
        let world = TinyWorld.make()
        let pool = Set(world.finetuneSubjects(world.settings.finetunePool)), heldOut = Set(world.heldOutSubjects)
        XCTAssertTrue(pool.isDisjoint(with: heldOut))
        XCTAssertEqual(pool.union(heldOut), Set(0..<world.settings.subjects))
        XCTAssertEqual(pool.count, world.settings.finetunePool)
        XCTAssertEqual(world.finetuneSubjects(3), Array(world.subjectOrder[0..<3]))
    }

    func testWorldIsDeterministicAndSeedDependent() {
        XCTAssertEqual(TinyWorld.make(seed: 4), TinyWorld.make(seed: 4))
        XCTAssertNotEqual(TinyWorld.make(seed: 4).facts, TinyWorld.make(seed: 5).facts)
    }

    func testChainsAreRowStochastic() {
        let world = TinyWorld.make()
        for chain in world.typeChains + [world.grammarOnlyChain] {
            for r in 0..<chain.states {
                XCTAssertEqual(chain.transitions[(r * chain.states)..<((r + 1) * chain.states)].reduce(0, +), 1, accuracy: 1e-12)
            }
        }
    }

    func testGreedySelectionReachesTargetDivWithinTenPercent() {
        // Spec B.2's reference points at G = 64: alpha 4 -> 0.5, alpha 30 -> 0.2 (row-mean norm).
        for (alpha, target) in [(4.0, 0.5), (30.0, 0.2)] {
            var rng = RNG(seed: 11)
            let selection = ChainSelection(count: 8, states: 64, alpha: alpha, target: target, pool: 100, restarts: 5, &rng)
            XCTAssertEqual(selection.div.rowMean, target, accuracy: 0.1 * target, "alpha \(alpha)")
            // Entrywise is G times row-mean for every pair, so the two minima are the same pair.
            XCTAssertEqual(selection.div.entrywise, selection.div.rowMean * 64, accuracy: 1e-9)
            XCTAssertLessThanOrEqual(selection.div.rowMean, selection.div.induced + 1e-12)
        }
    }

    func testDirichletMomentsMatchTheory() {
        // Symmetric Dirichlet(alpha) on k components: mean 1/k, variance (k-1)/(k^2 (k alpha + 1)).
        let k = 4, alpha = 0.7, n = 20000
        var rng = RNG(seed: 3)
        var sum = 0.0, sumSquares = 0.0
        var draw = [Double](repeating: 0, count: k)
        for _ in 0..<n {
            draw.withUnsafeMutableBufferPointer { Dirichlet.sampleSymmetric(alpha: alpha, into: $0, &rng) }
            sum += draw[0]; sumSquares += draw[0] * draw[0]
        }
        let mean = sum / Double(n), variance = sumSquares / Double(n) - mean * mean
        let expectedVariance = Double(k - 1) / Double(k * k) / (Double(k) * alpha + 1)
        XCTAssertEqual(mean, 0.25, accuracy: 4 * (expectedVariance / Double(n)).squareRoot())
        XCTAssertEqual(variance, expectedVariance, accuracy: 0.05 * expectedVariance)
    }

    func testWorldArtifactRoundTrips() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cr-world-\(UUID().uuidString).h5")
        defer { try? FileManager.default.removeItem(at: url) }
        let world = TinyWorld.make()
        let file = try ArtifactFile.create(url)
        try world.write(to: file)
        file.close()
        XCTAssertEqual(try RecallWorld.read(from: url), world)
    }
}
