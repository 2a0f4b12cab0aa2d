import Artifacts
import Foundation
import XCTest
@testable import Transformer

/// Loss, every gradient and two AdamW steps of tiny models against float64 PyTorch, from the
/// fixture `reference/pytorch/parity_fixture.py` writes (llm.c's parity test, for each of
/// toyworld's models: each input kind, each loss, each position scheme, both readouts, and the
/// one-hot attention model with both key-position schemes).
final class PyTorchParityTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pytorch-parity.h5")
    static let cases = ["gpt-continuous-regression", "gpt-tokens-logits", "gpt-tokens-logits-attention-only",
                        "ao-rope-every", "ao-learned-last-bias", "ao-sinusoidal-every", "ao-none-last",
                        "onehot-relative", "onehot-absolute"]

    /// Float32 arithmetic against float64, relative to the largest magnitude of each tensor.
    /// Measured on the fixture, worst case over the nine: loss 1.3e-7, gradients 1.8e-6,
    /// parameters 5.3e-7 (after two steps); the tolerances leave a factor of about ten.
    static let lossTolerance = 1e-6, gradientTolerance = 2e-5, parameterTolerance = 5e-6

    func testFixtureHoldsExactlyTheCheckedCases() throws {
        let file = try ArtifactFile.open(Self.fixture)
        defer { file.close() }
        XCTAssertEqual(Set(try file.groupPaths().filter { !$0.isEmpty }), Set(Self.cases))
    }

    func testGPTContinuousInputRegressionLoss() throws { try check("gpt-continuous-regression") }
    func testGPTTokenInputCrossEntropy() throws { try check("gpt-tokens-logits") }
    func testGPTWithoutMLP() throws { try check("gpt-tokens-logits-attention-only") }
    func testAttentionOnlyRoPE() throws { try check("ao-rope-every") }
    func testAttentionOnlyLearnedPositionsLastReadoutWithBias() throws { try check("ao-learned-last-bias") }
    func testAttentionOnlySinusoidalPositions() throws { try check("ao-sinusoidal-every") }
    func testAttentionOnlyWithoutPositionsLastReadout() throws { try check("ao-none-last") }
    func testOneHotAttentionRelativeKeyPositions() throws { try check("onehot-relative") }
    func testOneHotAttentionAbsoluteKeyPositions() throws { try check("onehot-absolute") }

    private func check(_ name: String) throws {
        let file = try ArtifactFile.open(Self.fixture)
        defer { file.close() }
        let model = try makeModel(file, name)
        let batch = try FixtureBatch(file, name)
        defer { batch.deallocate() }
        let names = try file.requiredString("tensors", at: name).split(separator: ",").map(String.init)
        XCTAssertEqual(names, model.parameterTensors.map(\.name), "\(name): the fixture's tensors in toyworld's order")
        let parameters = try file.read("\(name)/parameters", as: Float.self).values
        XCTAssertEqual(parameters.count, model.parameters.count, "\(name): parameter count")
        _ = model.parameters.update(fromContentsOf: parameters)
        let expectedLoss = try file.read("\(name)/loss", as: Double.self).values

        try model.forward(batch.input, batch: batch.batch, length: batch.length)
        let loss = try model.loss(batch.targets, mask: batch.mask)
        model.zeroGradients()
        model.backward()
        XCTAssertLessThan(relative(Double(loss), expectedLoss[0]), Self.lossTolerance, "\(name): loss \(loss) vs \(expectedLoss[0])")
        try compare(model.gradients, file, "\(name)/gradients", model, tolerance: Self.gradientTolerance)

        let lr = Float(try file.requiredDouble("adamw.learning_rate", at: name))
        let decay = Float(try file.requiredDouble("adamw.weight_decay", at: name))
        let trainer = try Trainer(model: model, optimizer: AdamWConfig(learningRate: lr, weightDecay: decay))
        let noise = try noiseOnlyEntries(file, name, model)
        let expectedNoise = (model as? OneHotAttentionModel).map { constantMixEntries($0, batch) } ?? keyBiasEntries(model)
        XCTAssertTrue(noise.isSubset(of: expectedNoise), "\(name): entries with a vanishing gradient where the exact one is not zero")
        let before = model.parameterValues
        for step in 1...2 {
            let loss = try trainer.step(batch.input, targets: batch.targets, mask: batch.mask, batch: batch.batch, length: batch.length)
            XCTAssertLessThan(relative(Double(loss), expectedLoss[step - 1]), Self.lossTolerance, "\(name): loss before step \(step)")
            try compare(model.parameters, file, "\(name)/after_step_\(step)", model, tolerance: Self.parameterTolerance, skipping: noise)
            for i in noise { XCTAssertLessThanOrEqual(abs(model.parameters[i] - before[i]), Float(step) * lr * 1.0001, "\(name): entry \(i)") }
        }
    }

    /// Each tensor's largest difference relative to its largest magnitude; `expected` holds
    /// every tensor in the model's flat layout.
    private func compare(_ actual: UnsafeMutableBufferPointer<Float>, _ file: ArtifactFile, _ path: String,
                         _ model: TrainableModel, tolerance: Double, skipping skipped: Set<Int> = []) throws {
        let expected = try file.read(path, as: Double.self).values
        XCTAssertEqual(expected.count, actual.count, path)
        for t in model.parameterTensors {
            let range = (t.offset..<(t.offset + t.count)).filter { !skipped.contains($0) }
            let scale = max(range.map { abs(expected[$0]) }.max() ?? 0, 1e-12)
            let worst = range.map { abs(Double(actual[$0]) - expected[$0]) }.max() ?? 0
            XCTAssertLessThan(worst / scale, tolerance, "\(path) \(t.name): largest difference \(worst) at magnitude \(scale)")
        }
    }

    /// Entries whose exact gradient vanishes while their float32 gradient is rounding noise:
    /// the attention key biases, since softmax ignores the constant `q . b_k` they add to a
    /// row of scores. AdamW divides the noise by its own size, so any float32 implementation
    /// moves them by up to the learning rate in a direction rounding picks; the test asks
    /// only that they move no further.
    private func noiseOnlyEntries(_ file: ArtifactFile, _ name: String, _ model: TrainableModel) throws -> Set<Int> {
        let g = try file.read("\(name)/gradients", as: Double.self).values
        var noise = Set<Int>()
        for t in model.parameterTensors {
            let range = t.offset..<(t.offset + t.count)
            let largest = range.map { abs(g[$0]) }.max() ?? 0
            noise.formUnion(range.filter { g[$0] != 0 && abs(g[$0]) < 1e-9 * largest })
        }
        return noise
    }

    private func keyBiasEntries(_ model: TrainableModel) -> Set<Int> {
        var entries = Set<Int>()
        for t in model.parameterTensors where t.name.hasSuffix("attn.c_attn.bias") {
            let C = t.count / 3
            entries.formUnion((t.offset + C)..<(t.offset + 2 * C))
        }
        return entries
    }

    /// The one-hot model's counterpart of the key biases: a query whose visible keys all hold
    /// one token mixes that token's value whatever it attends to, so its scores have an exactly
    /// zero gradient, and so do the query, key and position rows that only such queries use.
    private func constantMixEntries(_ model: OneHotAttentionModel, _ batch: FixtureBatch) -> Set<Int> {
        guard case let .tokens(tokens, _) = batch.input else { XCTFail("a one-hot model's fixture holds tokens"); return [] }
        let c = model.config, C = c.heads * c.headSize, T = batch.length
        var liveQuery = Set<Int>(), liveKey = Set<Int>()
        for b in 0..<batch.batch {
            let x = tokens[(b * T)..<((b + 1) * T)].map { Int($0) }
            for t in 0..<T where Set(x[0...t]).count > 1 {
                liveQuery.insert(x[t])
                for j in 0...t {
                    liveKey.insert(x[j])
                    liveKey.insert(c.vocabulary + c.keySlot(query: t, key: j))
                }
            }
        }
        let query = model.parameterTensors[0], key = model.parameterTensors[1]
        var entries = Set<Int>()
        for row in 0..<c.vocabulary where !liveQuery.contains(row) { entries.formUnion((query.offset + row * C)..<(query.offset + (row + 1) * C)) }
        for row in 0..<(c.vocabulary + c.context) where !liveKey.contains(row) { entries.formUnion((key.offset + row * C)..<(key.offset + (row + 1) * C)) }
        return entries
    }

    private func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-12) }

    private func makeModel(_ file: ArtifactFile, _ name: String) throws -> TrainableModel {
        func int(_ key: String) throws -> Int { try file.requiredInt("model.\(key)", at: name) }
        func string(_ key: String) throws -> String { try file.requiredString("model.\(key)", at: name) }
        if try string("kind") == "one-hot-attention" {
            let config = OneHotAttentionConfig(vocabulary: try int("vocabulary"), context: try int("context"), heads: try int("heads"),
                                               headSize: try int("head_size"),
                                               positions: try XCTUnwrap(KeyPositions(rawValue: try string("key_positions"))))
            return try OneHotAttentionModel(config: config, seed: 1, threads: 2)
        }
        let (layers, width, heads, context) = (try int("layers"), try int("width"), try int("heads"), try int("context"))
        if try string("kind") == "gpt" {
            let input: ModelConfig.Input = try string("input") == "continuous" ? .continuous(try int("input_size")) : .tokens(try int("input_size"))
            let output: ModelConfig.Output = try string("output") == "regression" ? .regression(try int("output_size")) : .logits(try int("output_size"))
            let config = ModelConfig(layers: layers, width: width, heads: heads, context: context, input: input, output: output,
                                     mlp: try int("mlp") == 1)
            return try GPTModel(config: config, seed: 1, threads: 2)
        }
        let config = AttentionOnlyConfig(layers: layers, width: width, heads: heads, context: context,
                                         exemplarSize: try int("exemplar_size"), labels: try int("labels"),
                                         positions: try XCTUnwrap(PositionScheme(rawValue: try string("positions"))),
                                         readout: try XCTUnwrap(ReadoutPositions(rawValue: try string("readout"))),
                                         unembeddingBias: try int("unembedding_bias") == 1)
        return try AttentionOnlyModel(config: config, seed: 1, threads: 2)
    }
}

/// One batch of the fixture in buffers that outlive the model's forward and backward passes.
private struct FixtureBatch {
    let batch: Int, length: Int
    let input: ModelInput
    let targets: Targets
    let mask: UnsafeBufferPointer<Bool>
    private let owned: [UnsafeMutableRawBufferPointer]

    init(_ file: ArtifactFile, _ name: String) throws {
        var owned: [UnsafeMutableRawBufferPointer] = []
        func buffer<T>(_ values: [T]) -> UnsafeBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: values.count)
            _ = b.initialize(from: values)
            owned.append(UnsafeMutableRawBufferPointer(b))
            return UnsafeBufferPointer(b)
        }
        func floats(_ key: String) throws -> UnsafeBufferPointer<Float> { buffer(try file.read("\(name)/\(key)", as: Float.self).values) }
        func ints(_ key: String) throws -> UnsafeBufferPointer<Int32> { buffer(try file.read("\(name)/\(key)", as: Int32.self).values) }
        batch = try file.requiredInt("batch", at: name)
        length = try file.requiredInt("length", at: name)
        if file.contains("\(name)/exemplars") {
            input = .interleaved(exemplars: try floats("exemplars"), labels: try ints("labels"))
        } else if try file.dtype("\(name)/input") == .float32 {
            input = .continuous(try floats("input"))
        } else {
            input = .tokens(try ints("input"))
        }
        targets = try file.dtype("\(name)/targets") == .float32 ? .regression(try floats("targets")) : .tokens(try ints("targets"))
        mask = buffer(try file.read("\(name)/mask", as: UInt8.self).values.map { $0 != 0 })
        self.owned = owned
    }

    func deallocate() { owned.forEach { $0.deallocate() } }
}
