import XCTest
import Linalg
import Transformer
@testable import ContextualRecall

/// Paper 002 §4: the hand-made weights of Props. 3 and 4 predict every last token, and the first
/// gradient step of Thm. 2 behaves as the proof says.
final class RelationConstructionTests: XCTestCase {
    private let world = RelationWorld(subjects: 12, valueCounts: [3, 4, 6], grammarTokens: 5, grammarLength: 4, blocks: 3,
                                      finetunePool: 6, seed: 7)
    private var context: Int { world.pretrainingTokens - 1 }

    private func pretrainingSequences(_ count: Int, seed: UInt64) -> [[Int32]] {
        var rng = RNG(seed: seed)
        return (0..<count).map { _ in
            var tokens = [Int32](repeating: 0, count: world.pretrainingTokens)
            tokens.withUnsafeMutableBufferPointer { world.pretrainingSequence(&rng, into: $0.baseAddress!) }
            return tokens
        }
    }

    /// ICL sequences with five demonstrations, every subject drawn with replacement from `pool`.
    private func inContextSequences(_ count: Int, pool: [Int], seed: UInt64) -> [[Int32]] {
        var rng = RNG(seed: seed)
        return (0..<count).map { _ in
            let type = rng.int(below: world.types)
            let subjects = (0..<6).map { _ in pool[rng.int(below: pool.count)] }
            var tokens = [Int32](repeating: 0, count: world.inContextTokens(demonstrations: 5))
            tokens.withUnsafeMutableBufferPointer { world.inContextSequence(type: type, subjects: subjects, into: $0.baseAddress!) }
            return tokens
        }
    }

    /// Runs the model on every sequence but its last token; returns the argmax at the last position.
    private func predictions(_ model: OneHotAttentionModel, _ sequences: [[Int32]]) throws -> [Int32] {
        let T = sequences[0].count - 1, V = model.config.vocabulary
        let inputs = sequences.flatMap { $0.dropLast() }
        try inputs.withUnsafeBufferPointer { try model.forward(.tokens($0), batch: sequences.count, length: T) }
        let logits = try model.logits()
        return (0..<sequences.count).map { b in
            let row = logits[((b * T + T - 1) * V)..<((b * T + T) * V)]
            return Int32(row.indices.max { row[$0] < row[$1] }! - (b * T + T - 1) * V)
        }
    }

    func testPropositionThreeGetsEveryPretrainingSequencesLastTokenRight() throws {
        let model = try RelationConstruction(world: world, context: context, beta: 60).pretrainingModel()
        let sequences = pretrainingSequences(200, seed: 1)
        XCTAssertEqual(try predictions(model, sequences), sequences.map { $0.last! })
    }

    func testPropositionFourGetsEveryInContextSequenceRightWhenEveryAttributeWasSeen() throws {
        let everyone = Array(0..<world.vocabulary.subjects)
        let construction = RelationConstruction(world: world, context: context, beta: 60)
        let sequences = inContextSequences(200, pool: everyone, seed: 2)
        XCTAssertEqual(try predictions(try construction.inContextModel(seenSubjects: everyone), sequences), sequences.map { $0.last! })
        // The PT construction has no relation token to read here: it cannot tell the type.
        let pretrained = try predictions(try construction.pretrainingModel(), sequences)
        let right = zip(pretrained, sequences).filter { $0 == $1.last! }.count
        XCTAssertLessThan(right, 140, "the PT weights got \(right) of 200 ICL sequences right")
    }

    func testTheoremTwoFirstStepLeavesTheRelationKeysAndPairsAttributesOfOneType() throws {
        let construction = RelationConstruction(world: world, context: context, beta: 60, heads: [.relation, .subject])
        let model = try construction.pretrainingModel()
        let sequences = inContextSequences(256, pool: world.finetuneSubjects, seed: 3)
        let T = sequences[0].count - 1
        let inputs = sequences.flatMap { $0.dropLast() }, targets = sequences.flatMap { $0.dropFirst() }
        let lastOnly = (0..<inputs.count).map { $0 % T == T - 1 }
        try inputs.withUnsafeBufferPointer { try model.forward(.tokens($0), batch: sequences.count, length: T) }
        _ = try targets.withUnsafeBufferPointer { t in try lastOnly.withUnsafeBufferPointer { try model.loss(.tokens(t), mask: $0) } }
        model.zeroGradients()
        model.backward()

        let D = model.config.headSize, C = 2 * D
        let dKey = model.gradient(of: model.tensor(named: "key")!), dOutput = model.gradient(of: model.tensor(named: "output")!)
        // Head 0 is the relation head: its W_OV reads relation tokens only, and ICL has none.
        let relationKeyGradient = (0..<(model.config.width)).flatMap { row in (0..<D).map { dKey[row * C + $0] } }
        XCTAssertTrue(relationKeyGradient.allSatisfy { $0 == 0 }, "W_KQ^rel moved in the first step")
        XCTAssertGreaterThan((0..<(model.config.width)).flatMap { row in (0..<D).map { abs(dKey[row * C + D + $0]) } }.max()!, 0,
                             "the subject head's keys do learn")
        // -grad W_OV^rel on attribute rows and columns: positive within a type, not across.
        var same: [Float] = [], across: [Float] = []
        let vocabulary = world.vocabulary
        for v in vocabulary.subjects..<vocabulary.grammarOffset {
            for a in vocabulary.subjects..<vocabulary.grammarOffset {
                let step = -dOutput[v * C + a]
                if vocabulary.attributeType(of: Int32(v)) == vocabulary.attributeType(of: Int32(a)) { same.append(step) } else { across.append(step) }
            }
        }
        let sameMean = same.reduce(0, +) / Float(same.count), acrossMean = across.reduce(0, +) / Float(across.count)
        XCTAssertGreaterThan(sameMean, 0)
        XCTAssertLessThan(acrossMean, sameMean / 4, "same type \(sameMean), across types \(acrossMean)")
    }
}
