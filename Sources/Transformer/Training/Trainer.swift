import Linalg

/// A model, its AdamW state and a step counter: `step(...)` is one training iteration.
public final class Trainer {
    public let model: TrainableModel
    public var optimizer: AdamWConfig
    /// Number of completed steps.
    public private(set) var stepCount = 0
    /// The tensors AdamW updates: every tensor but the frozen ones.
    public let trainable: [ParameterTensor]
    let moments: AdamWState

    /// `frozen` names tensors that keep their values: AdamW skips them and gradient clipping
    /// leaves them out of the norm, as PyTorch does for parameters without `requires_grad`.
    public init(model: TrainableModel, optimizer: AdamWConfig, frozen: Set<String> = []) throws {
        let names = Set(model.parameterTensors.map(\.name))
        if let unknown = frozen.subtracting(names).sorted().first {
            throw TransformerError.checkpoint("cannot freeze \(unknown): the model has no tensor of that name")
        }
        self.model = model; self.optimizer = optimizer
        trainable = model.parameterTensors.filter { !frozen.contains($0.name) }
        moments = AdamWState(count: model.parameters.count)
    }

    /// Forward, loss, backward and one AdamW update; returns the loss before the update.
    @discardableResult
    public func step(_ input: ModelInput, targets: Targets, mask: UnsafeBufferPointer<Bool>? = nil,
                     batch: Int, length: Int) throws -> Float {
        try model.forward(input, batch: batch, length: length)
        let loss = try model.loss(targets, mask: mask)
        model.zeroGradients()
        model.backward()
        model.timer.time(.optimizer) {
            var scale: Float = 1
            if let clip = optimizer.clipNorm {
                let norm = gradientNorm()
                if norm > clip { scale = clip / norm }
            }
            let lr = optimizer.learningRate * optimizer.schedule.factor(at: stepCount)
            moments.update(model, tensors: trainable, config: optimizer, t: stepCount + 1, learningRate: lr, gradScale: scale)
        }
        stepCount += 1
        return loss
    }

    /// Global L2 norm of the trainable tensors' gradient, summed in a fixed order.
    public func gradientNorm() -> Float {
        let g = model.gradients
        var s = 0.0
        for t in trainable {
            for i in t.offset..<(t.offset + t.count) { s += Double(g[i]) * Double(g[i]) }
        }
        return Float(s.squareRoot())
    }

    // MARK: State

    /// Everything that determines the future of training, as plain values.
    public struct State: Equatable {
        public var tensors: [ParameterTensor]
        public var parameters: [Float]
        public var firstMoment: [Float]
        public var secondMoment: [Float]
        public var step: Int

        public init(tensors: [ParameterTensor], parameters: [Float], firstMoment: [Float], secondMoment: [Float], step: Int) {
            self.tensors = tensors; self.parameters = parameters
            self.firstMoment = firstMoment; self.secondMoment = secondMoment; self.step = step
        }
    }

    public var state: State {
        State(tensors: model.parameterTensors, parameters: model.parameterValues,
              firstMoment: moments.m.array, secondMoment: moments.v.array, step: stepCount)
    }

    /// Restores parameters, moments and step; the state's tensors must be the model's.
    public func restore(_ s: State) throws {
        guard s.tensors.map(\.name) == model.parameterTensors.map(\.name),
              s.tensors.map(\.shape) == model.parameterTensors.map(\.shape) else {
            throw TransformerError.checkpoint("the saved tensors do not match the model's (\(s.tensors.count) vs \(model.parameterTensors.count) tensors, or other names or shapes)")
        }
        let n = model.parameters.count
        for (what, a) in [("parameters", s.parameters), ("first moment", s.firstMoment), ("second moment", s.secondMoment)]
        where a.count != n {
            throw TransformerError.checkpoint("\(what) has \(a.count) values, the model \(n)")
        }
        s.parameters.withUnsafeBufferPointer { model.parameters.baseAddress!.update(from: $0.baseAddress!, count: n) }
        s.firstMoment.withUnsafeBufferPointer { moments.m.pointer.update(from: $0.baseAddress!, count: n) }
        s.secondMoment.withUnsafeBufferPointer { moments.v.pointer.update(from: $0.baseAddress!, count: n) }
        stepCount = s.step
    }

    /// Loads parameters only (a finetuning start): moments stay zero and the step count at 0.
    public func loadParameters(_ values: [Float]) throws { try model.setParameters(values) }
}
