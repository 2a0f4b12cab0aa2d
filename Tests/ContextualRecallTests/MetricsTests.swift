import XCTest
import Linalg
@testable import ContextualRecall

final class MetricsTests: XCTestCase {
    let world = TinyWorld.make()

    func testMetricsNestOverEveryPossiblePrediction() {
        let v = world.vocabulary, L = world.settings.types
        for j in 0..<world.settings.subjects {
            for l in 0..<L {
                for token in 0..<v.size {
                    var m = RecallMetrics(types: L)
                    m.record(prediction: Int32(token), subject: j, type: l, world: world)
                    let hit = m.hits.map { $0[l] == 1 }   // exact, type, subject, attribute
                    if hit[0] { XCTAssertTrue(hit[1] && hit[2]) }
                    if hit[0] || hit[1] || hit[2] { XCTAssertTrue(hit[3]) }
                    XCTAssertEqual(hit[0], Int32(token) == world.attribute(subject: j, type: l))
                    XCTAssertEqual(hit[3], v.attributeType(of: Int32(token)) != nil)
                }
            }
        }
    }

    func testPredictionsAreReadAtTheQueryPosition() {
        let all = Array(0..<world.settings.subjects)
        let generator = SequenceGenerator(world: world, kind: .incontext(grammar: 1...2), querySubjects: all, demonstrationSubjects: all)
        let batch = generator.makeBatch(6)
        var rng = RNG(seed: 1)
        generator.fill(batch, &rng)
        let V = world.vocabulary.size
        // Logits that put the true final token first at each row's query position, a wrong one elsewhere.
        var logits = [Float](repeating: 0, count: batch.batch * batch.length * V)
        for row in 0..<batch.batch {
            for t in 0..<batch.length { logits[(row * batch.length + t) * V + Int(world.vocabulary.separator)] = 1 }
            let target = batch.targets[row * batch.length + batch.queryPosition(row)]
            logits[(row * batch.length + batch.queryPosition(row)) * V + Int(target)] = 2
        }
        var m = RecallMetrics(types: world.settings.types)
        logits.withUnsafeBufferPointer { m.record(logits: $0, batch: batch, world: world) }
        XCTAssertEqual(m.overall, [1, 1, 1, 1])
        XCTAssertEqual(m.counts.reduce(0, +), 6)
    }
}
