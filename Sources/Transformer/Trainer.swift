import Linalg

/// A model, its AdamW state and a step counter: `step(...)` is one training iteration.
public final class Trainer {
    public let model: GPTModel
    public var optimizer: AdamWConfig
    /// Number of completed steps.
    public private(set) var stepCount = 0
    /// The data stream of the caller (batches drawn from it are reproducible after a restore):
    /// saved and restored with checkpoints.
    public var rng: RNG
    let moments: AdamWState

    public init(model: GPTModel, optimizer: AdamWConfig, rng: RNG) {
        self.model = model; self.optimizer = optimizer; self.rng = rng
        moments = AdamWState(count: model.parameterCount)
    }

    /// Forward, loss, backward and one AdamW update; returns the loss before the update.
    @discardableResult
    public func step(_ input: ModelInput, targets: Targets, mask: [Bool]? = nil, batch: Int, length: Int) throws -> Float {
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
            moments.update(model, config: optimizer, t: stepCount + 1, learningRate: lr, gradScale: scale)
        }
        stepCount += 1
        return loss
    }

    /// Global L2 norm of the gradient, summed in a fixed order.
    public func gradientNorm() -> Float {
        var s = 0.0
        for x in model.gradients { s += Double(x) * Double(x) }
        return Float(s.squareRoot())
    }

    // MARK: Checkpoint state

    /// Everything that determines the future of training, as plain values.
    public struct State: Equatable {
        public var config: ModelConfig
        public var tensors: [ParameterTensor]
        public var parameters: [Float]
        public var firstMoment: [Float]
        public var secondMoment: [Float]
        public var step: Int
        public var rngState: [UInt64]
    }

    public var state: State {
        State(config: model.config, tensors: model.parameterTensors, parameters: model.params.array,
              firstMoment: moments.m.array, secondMoment: moments.v.array, step: stepCount, rngState: rng.stateArray)
    }

    /// Restores parameters, moments, step and RNG; the model's config must match the state's.
    public func restore(_ s: State) throws {
        guard s.config == model.config else {
            throw TransformerError.checkpoint("config \(s.config) does not match the model's \(model.config)")
        }
        let n = model.parameterCount
        for (what, a) in [("parameters", s.parameters), ("first moment", s.firstMoment), ("second moment", s.secondMoment)]
        where a.count != n {
            throw TransformerError.checkpoint("\(what) has \(a.count) values, the model \(n)")
        }
        guard s.rngState.count == 4, s.rngState != [0, 0, 0, 0] else {
            throw TransformerError.checkpoint("RNG state must be 4 words, not all zero, got \(s.rngState)")
        }
        s.parameters.withUnsafeBufferPointer { model.params.pointer.update(from: $0.baseAddress!, count: n) }
        s.firstMoment.withUnsafeBufferPointer { moments.m.pointer.update(from: $0.baseAddress!, count: n) }
        s.secondMoment.withUnsafeBufferPointer { moments.v.pointer.update(from: $0.baseAddress!, count: n) }
        stepCount = s.step
        rng = RNG(state: (s.rngState[0], s.rngState[1], s.rngState[2], s.rngState[3]))
    }
}
