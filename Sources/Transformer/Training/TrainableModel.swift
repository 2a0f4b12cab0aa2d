import Artifacts

/// What the training run needs of a model: named tensors in one flat parameter buffer and its
/// gradient, a forward pass with a loss, and a backward pass. The GPT of papers 000 and 002
/// conforms; the attention-only models of the later worlds conform the same way.
public protocol TrainableModel: AnyObject {
    var parameterTensors: [ParameterTensor] { get }
    var parameters: UnsafeMutableBufferPointer<Float> { get }
    var gradients: UnsafeMutableBufferPointer<Float> { get }
    /// Worker threads of every loop; results do not depend on it.
    var threads: Int { get }
    /// Wall time per operation class, for `toyworld bench train`.
    var timer: OpTimer { get }
    /// `model.*` attributes that describe the architecture in a run artifact (enough to rebuild it).
    var architecture: [(String, AttributeValue)] { get }
    func forward(_ input: ModelInput, batch: Int, length: Int) throws
    func loss(_ targets: Targets, mask: UnsafeBufferPointer<Bool>?) throws -> Float
    func zeroGradients()
    func backward()
}

extension TrainableModel {
    public func tensor(named name: String) -> ParameterTensor? { parameterTensors.first { $0.name == name } }

    public func values(of t: ParameterTensor) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: parameters[t.offset..<(t.offset + t.count)])
    }

    public func gradient(of t: ParameterTensor) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(rebasing: gradients[t.offset..<(t.offset + t.count)])
    }

    /// A copy of every parameter (flat layout order). Copying inside a member keeps the model
    /// alive while its buffer is read, where `Array(temporary.parameters)` may read freed memory.
    public var parameterValues: [Float] { Array(parameters) }

    /// Overwrites every parameter with `values` (flat layout order).
    public func setParameters(_ values: [Float]) throws {
        guard values.count == parameters.count else {
            throw TransformerError.shapeMismatch(what: "parameters", expected: parameters.count, got: values.count)
        }
        values.withUnsafeBufferPointer { parameters.baseAddress!.update(from: $0.baseAddress!, count: $0.count) }
    }
}

extension GPTModel: TrainableModel {
    public var architecture: [(String, AttributeValue)] { config.attributes }
}
