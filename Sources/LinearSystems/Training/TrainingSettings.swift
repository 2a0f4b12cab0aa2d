import Transformer

/// What an `lds.train` run is: the data mode, the model, the optimiser and its schedule of
/// examples. Example counts are absolute (a restarted run counts from its source's start),
/// so that every run of one experiment shares its x axis.
public struct TrainingSettings: Equatable {
    public var backstory: BackstoryMode
    public var model: ModelConfig
    public var optimizer: AdamWConfig
    public var batch: Int
    /// Examples seen at the end of the run.
    public var examples: Int
    public var checkpointEvery: Int
    public var seed: UInt64
    public var threads: Int

    public init(backstory: BackstoryMode, layers: Int, width: Int, heads: Int, learningRate: Float, weightDecay: Float,
                batch: Int, examples: Int, checkpointEvery: Int, seed: UInt64, threads: Int) {
        self.backstory = backstory
        model = ModelConfig(layers: layers, width: width, heads: heads, context: TraceLayout.positions,
                            input: .continuous(TraceLayout.inputDimension), output: .regression(TraceLayout.stateDimension))
        optimizer = AdamWConfig(learningRate: learningRate, weightDecay: weightDecay)
        self.batch = batch
        self.examples = examples
        self.checkpointEvery = checkpointEvery
        self.seed = seed
        self.threads = threads
    }

    /// Checkpoint example counts from `start` (itself included) to `examples`.
    public func checkpoints(from start: Int) -> [Int] { Array(stride(from: start, through: examples, by: checkpointEvery)) }

    /// Throws unless checkpoints fall on whole steps and the run ends on a checkpoint.
    public func validate(start: Int) throws {
        func bad(_ what: String) -> TrainingError { .settings(what) }
        try model.validate()
        if batch < 1 || threads < 1 { throw bad("batch \(batch) and threads \(threads) must be at least 1") }
        if checkpointEvery < batch || checkpointEvery % batch != 0 {
            throw bad("checkpoint_every \(checkpointEvery) must be a positive multiple of batch \(batch)")
        }
        if start % batch != 0 { throw bad("the run starts at \(start) examples, not a multiple of batch \(batch)") }
        if examples <= start || (examples - start) % checkpointEvery != 0 {
            throw bad("examples \(examples) must exceed the start \(start) by a multiple of checkpoint_every \(checkpointEvery)")
        }
    }
}

public enum TrainingError: Error, CustomStringConvertible {
    case settings(String)
    case artifact(file: String, what: String)

    public var description: String {
        switch self {
        case .settings(let s): return "lds.train: \(s)"
        case let .artifact(file, what): return "lds.train artifact \(file): \(what)"
        }
    }
}
