import XCTest
import Linalg
@testable import Transformer

/// Finite differences against `AttentionOnlyModel`'s backward pass for every position scheme
/// and every intervention: the gradient must be that of the intervened loss, with clamped
/// activations held constant. Tolerances as in `GradientTests` (float32 forward, h = 2e-3).
final class AttentionOnlyGradientTests: XCTestCase {
    static let config = AttentionOnlyConfig(layers: 2, width: 8, heads: 2, context: 5, exemplarSize: 4, labels: 5, positions: .rope)

    func check(_ config: AttentionOnlyConfig = config, seed: UInt64 = 3, lossEverywhere: Bool = false,
               _ interventions: ((FewShotFixture) -> Interventions)? = nil,
               file: StaticString = #filePath, line: UInt = #line) throws -> AttentionOnlyModel {
        let model = try AttentionOnlyModel(config: config, seed: seed, threads: 2)
        let p = model.parameters
        var noise = RNG(seed: seed + 1)
        for i in p.indices { p[i] += Float(noise.gaussian() * 0.3) }
        let batch = FewShotFixture(config, batch: 3, seed: seed + 2, lossEverywhere: lossEverywhere)
        if let interventions { try model.intervene(interventions(batch)) }
        _ = try batch.preciseLoss(model)
        model.zeroGradients()
        model.backward()
        let grad = Array(model.gradients)
        var rng = RNG(seed: seed + 3)
        for t in model.parameterTensors {
            try assertFiniteDifferences(t.name, values: model.values(of: t), gradient: Array(grad[t.offset..<(t.offset + t.count)]),
                                        rng: &rng, randomElements: 1, loss: { try batch.preciseLoss(model) }, file: file, line: line)
        }
        return model
    }

    func gradientNorm(_ model: AttentionOnlyModel, _ name: String, rows: Range<Int>? = nil) -> Float {
        let t = model.tensor(named: name)!, g = model.gradient(of: t), width = t.shape.dropFirst().reduce(1, *)
        let range = rows.map { ($0.lowerBound * width)..<($0.upperBound * width) } ?? 0..<t.count
        return range.reduce(0) { $0 + g[$1] * g[$1] }.squareRoot()
    }

    func testEveryPositionSchemeAndEveryTensor() throws {
        for scheme in PositionScheme.allCases {
            var c = Self.config; c.positions = scheme
            let model = try check(c, lossEverywhere: true)
            for t in model.parameterTensors {
                XCTAssertGreaterThan(gradientNorm(model, t.name), 0, "\(scheme): \(t.name) has a zero gradient")
            }
        }
    }

    func testQueryOnlyLoss() throws { _ = try check() }

    func testAblatedHeadGetsNoGradientAndAddsNothing() throws {
        let model = try check { f in
            var v = Interventions.none(layers: 2, heads: 2); v.ablated[1] = .only(1); return v
        }
        // Head 1 of layer 1 owns rows 4..<8 of its q, k, v weights.
        for part in ["q", "k", "v"] {
            XCTAssertEqual(gradientNorm(model, "layers.1.attn.\(part).weight", rows: 4..<8), 0, "ablated head's \(part)")
            XCTAssertGreaterThan(gradientNorm(model, "layers.1.attn.\(part).weight", rows: 0..<4), 0, "active head's \(part)")
        }
        let y = try model.headValues(layer: 1)
        for r in 0..<15 { for j in 4..<8 { XCTAssertEqual(y[r * 8 + j], 0) } }
    }

    func testPreviousTokenPatternClamp() throws {
        let model = try check { _ in
            var v = Interventions.none(layers: 2, heads: 2); v.patterns = [PatternClamp(layer: 0, head: 1, .previousToken)]; return v
        }
        let att = try model.pattern(layer: 0)
        for b in 0..<3 {
            for i in 0..<5 {
                for j in 0..<5 { XCTAssertEqual(att[((b * 2 + 1) * 5 + i) * 5 + j], j == max(0, i - 1) ? 1 : 0) }
            }
        }
    }

    func testQueryRowPatternClamp() throws {
        let model = try check { f in
            var v = Interventions.none(layers: 2, heads: 2)
            v.patterns = [PatternClamp(layer: 1, head: 0, .rows(f.queryRows, first: 4))]; return v
        }
        let att = try model.pattern(layer: 1), f = FewShotFixture(Self.config, batch: 3, seed: 5, lossEverywhere: false)
        for b in 0..<3 {
            for j in 0..<5 {
                let clamped: Float = f.queryRows[b * 5 + j]
                XCTAssertEqual(att[(b * 2 * 5 + 4) * 5 + j], clamped)
            }
        }
    }

    func testLayerOneClampRoutesQueriesAndKeysThroughPreviousEmbeddings() throws {
        let model = try check { _ in Self.layerOneClamp() }
        for part in ["q", "k", "v", "o"] { XCTAssertEqual(gradientNorm(model, "layers.0.attn.\(part).weight"), 0, "layer 0 is bypassed") }
    }

    func testPartialHeadSums() throws {
        _ = try check { _ in
            var v = Interventions.none(layers: 2, heads: 2)
            v.routing.value[1] = [.embedding, .heads(layer: 0, .only(0))]
            v.routing.readout = [.embedding, .heads(layer: 0, .only(1)), .heads(layer: 1, .all(2))]
            return v
        }
    }

    func testScoreReadoutAlone() throws {
        let model = try check { _ in var v = Interventions.none(layers: 2, heads: 2); v.readout = .headScores(layer: 1, head: 1); return v }
        XCTAssertEqual(gradientNorm(model, "unembed.weight"), 0)
        XCTAssertEqual(gradientNorm(model, "layers.1.attn.v.weight"), 0)
        XCTAssertGreaterThan(gradientNorm(model, "layers.1.attn.q.weight", rows: 4..<8), 0)
    }

    func testScoreReadoutWithLayerOneClamp() throws {
        _ = try check { _ in var v = Self.layerOneClamp(); v.readout = .headScores(layer: 1, head: 0); return v }
    }

    /// Paper 003's model: learned positions, logits at the query only, a logit bias.
    static let lastReadout = AttentionOnlyConfig(layers: 2, width: 8, heads: 2, context: 5, exemplarSize: 4, labels: 5,
                                                 positions: .learned, readout: .last, unembeddingBias: true, labelEmbeddingStd: 0.02)

    func testLastPositionReadoutWithBias() throws {
        let model = try check(Self.lastReadout)
        XCTAssertGreaterThan(gradientNorm(model, "unembed.bias"), 0)
    }

    func testLastPositionReadoutUnderScoreReadoutAndLayerOneClamp() throws {
        _ = try check(Self.lastReadout) { _ in var v = Self.layerOneClamp(); v.readout = .headScores(layer: 1, head: 1); return v }
    }

    func testLastPositionReadoutGivesTheQueryLogitsOfEveryPositionReadout() throws {
        var every = Self.lastReadout; every.readout = .every
        let a = try AttentionOnlyModel(config: Self.lastReadout, seed: 7), b = try AttentionOnlyModel(config: every, seed: 7)
        XCTAssertEqual(a.parameterValues, b.parameterValues)
        let batch = FewShotFixture(Self.lastReadout, batch: 3, seed: 8, lossEverywhere: false)
        let lossA = try batch.preciseLoss(a), lossB = try batch.preciseLoss(b)
        XCTAssertEqual(lossA, lossB, accuracy: 1e-6 * abs(lossB))
        for s in 0..<3 {
            for (x, y) in zip(try a.queryLogits(sequence: s), try b.queryLogits(sequence: s)) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        }
        let everywhere = FewShotFixture(Self.lastReadout, batch: 3, seed: 8, lossEverywhere: true)
        XCTAssertThrowsError(try everywhere.preciseLoss(a)) { XCTAssertTrue("\($0)".contains("reads out only the last position"), "\($0)") }
    }

    static func layerOneClamp() -> Interventions {
        var v = Interventions.none(layers: 2, heads: 2)
        v.routing.query[1] = [.previousEmbedding]; v.routing.key[1] = [.previousEmbedding]; v.routing.value[1] = [.embedding]
        v.routing.readout = [.embedding, .heads(layer: 1, .all(2))]
        return v
    }

    func testInvalidInterventionsAreRejected() throws {
        let model = try AttentionOnlyModel(config: Self.config, seed: 1)
        var v = Interventions.none(layers: 2, heads: 2)
        v.routing.query[0] = [.heads(layer: 1, .all(2))]
        XCTAssertThrowsError(try model.intervene(v)) { XCTAssertTrue("\($0)".contains("do not come before it"), "\($0)") }
        v = .none(layers: 2, heads: 2); v.patterns = [PatternClamp(layer: 0, head: 2, .previousToken)]
        XCTAssertThrowsError(try model.intervene(v)) { XCTAssertTrue("\($0)".contains("head 2"), "\($0)") }
    }
}

/// A random few-shot batch: exemplar vectors, labels, targets at the query (or everywhere)
/// and, for pattern clamps, one-hot query rows on the first label token.
final class FewShotFixture {
    let batch: Int, length = 5
    let exemplars: [Float], labels: [Int32], targets: [Int32], mask: [Bool]
    /// `[B, 1, T]`, owned here so that a clamp can borrow it.
    let queryRows: UnsafeBufferPointer<Float>

    init(_ c: AttentionOnlyConfig, batch B: Int, seed: UInt64, lossEverywhere: Bool) {
        batch = B
        var rng = RNG(seed: seed)
        exemplars = (0..<(B * 3 * c.exemplarSize)).map { _ in Float(rng.gaussian()) }
        labels = (0..<(B * 2)).map { _ in Int32(rng.int(below: c.labels)) }
        // The query's target is one of its context labels, as in the task (the score readout
        // gives every other label -1e9).
        let labels = self.labels
        targets = (0..<(B * 5)).map { i in i % 5 == 4 ? labels[(i / 5) * 2 + rng.int(below: 2)] : Int32(rng.int(below: c.labels)) }
        mask = (0..<(B * 5)).map { lossEverywhere || $0 % 5 == 4 }
        let rows = UnsafeMutableBufferPointer<Float>.allocate(capacity: B * 5)
        for i in rows.indices { rows[i] = i % 5 == 1 ? 1 : 0 }
        queryRows = UnsafeBufferPointer(rows)
    }

    deinit { queryRows.deallocate() }

    /// The loss in double precision from the per-position losses.
    func preciseLoss(_ model: AttentionOnlyModel) throws -> Double {
        try exemplars.withUnsafeBufferPointer { x in
            try labels.withUnsafeBufferPointer { y in
                try model.forward(.interleaved(exemplars: x, labels: y), batch: batch, length: length)
            }
        }
        _ = try targets.withUnsafeBufferPointer { t in try mask.withUnsafeBufferPointer { try model.loss(.tokens(t), mask: $0) } }
        return try model.lossPerPosition().reduce(0.0) { $0 + Double($1) } / Double(mask.filter { $0 }.count)
    }
}
