import Artifacts
import Foundation

/// Where a training run begins.
public enum TrainingStart {
    /// The model as constructed (its own seeded initialisation), step 0.
    case scratch
    /// Checkpoint `at` of another run's artifact. With `moments`, AdamW's state and the step
    /// count continue from there (paper 000's restarts; the source must keep its moments at
    /// that checkpoint); without, only the parameters are taken and training counts from 0
    /// with a fresh optimizer (finetuning).
    case checkpoint(of: URL, at: Int, moments: Bool)
}

/// One resumable training run, the only training loop of every world: it owns the optimizer
/// step, the checkpoint cadence, resume from the work directory (falling back past a damaged
/// newest checkpoint), the loss record and progress. A world supplies the model, the batch
/// source and the schedule.
///
/// A run killed between any two checkpoints and run again resumes from the newest one and
/// writes the same artifact bytes as an uninterrupted run: the batches depend only on the
/// step, and every reduction of the engine on the problem size, never on the thread count.
public final class TrainingRun {
    public let trainer: Trainer
    public let source: BatchSource
    public let schedule: CheckpointSchedule
    public let start: TrainingStart
    let work: WorkCheckpoints
    private(set) var checkpoints: [Int] = []
    private(set) var losses = LossRecord(firstStep: 0)

    public init(trainer: Trainer, source: BatchSource, schedule: CheckpointSchedule, start: TrainingStart = .scratch,
                workDirectory: URL) {
        self.trainer = trainer; self.source = source; self.schedule = schedule; self.start = start
        work = WorkCheckpoints(directory: workDirectory, tensors: trainer.model.parameterTensors)
    }

    /// The few-shot worlds' run (thesis ch. 4, paper 003): Adam as optax has it (constant rate,
    /// no weight decay, no clipping) from scratch, counted in sequences seen.
    public static func adam(_ model: TrainableModel, source: BatchSource, learningRate: Double, sequences: Int, checkpointEvery: Int,
                            workDirectory: URL) throws -> TrainingRun {
        TrainingRun(trainer: try Trainer(model: model, optimizer: AdamWConfig(learningRate: Float(learningRate), weightDecay: 0)),
                    source: source,
                    schedule: CheckpointSchedule(unit: "sequences", batch: source.batchSize, end: sequences, every: checkpointEvery),
                    workDirectory: workDirectory)
    }

    /// Trains to `schedule.end`, resuming from the work directory when it holds checkpoints.
    public func run(progress: WorkProgress? = nil) throws {
        try FileManager.default.createDirectory(at: work.directory, withIntermediateDirectories: true)
        let B = schedule.batch
        guard source.batchSize == B else {
            throw TransformerError.schedule("the batch source makes batches of \(source.batchSize), the schedule counts \(B)")
        }
        try begin()
        let first = trainer.stepCount * B
        try schedule.validate(start: first)
        checkpoints = schedule.counts(from: first)
        let resumed = work.newest(among: checkpoints) { progress?.warn($0) }
        if let resumed {
            try trainer.restore(resumed.state)
            losses = resumed.losses
        } else {
            losses = LossRecord(firstStep: trainer.stepCount)
            try work.save(first, trainer: trainer, losses: losses)
        }
        progress?.start(total: schedule.end - first, unit: schedule.unit, resumedFrom: trainer.stepCount * B - first)

        var window = RunningMean(capacity: 64)
        while trainer.stepCount * B < schedule.end {
            try source.fill(step: trainer.stepCount, threads: trainer.model.threads)
            let loss = try trainer.step(source.input, targets: source.targets, mask: source.mask, batch: B, length: source.length)
            losses.losses.append(loss)
            window.add(Double(loss))
            progress?.advance(by: B, metric: ("loss", window.mean))
            let n = trainer.stepCount * B
            if (n - first) % schedule.every == 0 {
                try work.save(n, trainer: trainer, losses: losses)
                work.prune(checkpoints: checkpoints, upTo: n, keep: schedule.keepMomentsAt)
            }
        }
    }

    /// Sets the trainer to the run's starting point (nothing for a fresh model).
    private func begin() throws {
        guard case let .checkpoint(url, n, moments) = start else { return }
        let source = try TrainingRunArtifact(url)
        if moments {
            try trainer.restore(try source.state(at: n))
        } else {
            try trainer.loadParameters(try source.parameters(at: n))
        }
    }

    /// Writes the run artifact (layout: `TrainingRunArtifact`) from the finished run's work
    /// files, with the world's own root attributes.
    public func writeArtifact(to url: URL, attributes: [(String, AttributeValue)] = []) throws {
        try TrainingRunArtifact.write(url, run: self, attributes: attributes)
    }
}

/// Mean of the last `capacity` values (the loss shown while training).
struct RunningMean {
    private var values: [Double]
    private var next = 0, filled = 0, sum = 0.0
    init(capacity: Int) { values = [Double](repeating: 0, count: capacity) }

    mutating func add(_ x: Double) {
        if filled == values.count { sum -= values[next] } else { filled += 1 }
        values[next] = x; sum += x
        next = (next + 1) % values.count
    }

    var mean: Double { filled == 0 ? 0 : sum / Double(filled) }
}
