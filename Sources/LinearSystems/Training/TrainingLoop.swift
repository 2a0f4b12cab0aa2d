import Artifacts
import Foundation
import Linalg
import Transformer

/// Trains a paper-000 model on fresh interleaved traces of a fixed training library (spec A.2-A.5,
/// A.8), keeping a trainer checkpoint at every `checkpointEvery` examples.
///
/// The traces of a step depend only on the run's seed and the number of examples seen before
/// it (trace i of the stream is the i-th example), so a run resumed from any checkpoint, or
/// restarted from another run's, draws exactly the batches an uninterrupted run would.
///
/// Work files (in `workDirectory`, which survives a killed stage): `state-<E>.h5`, the trainer
/// checkpoint after E examples, and `loss-<E>.h5`, the loss of every step up to E. The loss
/// file is renamed into place after the state file, so its presence marks a complete checkpoint.
public struct TrainingLoop {
    public let settings: TrainingSettings
    public let library: SystemLibrary
    public let workDirectory: URL

    public init(settings: TrainingSettings, library: SystemLibrary, workDirectory: URL) {
        self.settings = settings
        self.library = library
        self.workDirectory = workDirectory
    }

    public struct Outcome {
        public var checkpoints: [(examples: Int, file: URL)]
        public var losses: [(examples: Int, loss: Float)]
    }

    /// Trains from `initial` (nil: a fresh model) to `settings.examples`, resuming from the
    /// latest complete checkpoint in the work directory if there is one. `afterCheckpoint` runs
    /// after each checkpoint is on disk.
    public func run(initial: Trainer.State? = nil, progress: (Int) -> Void = { _ in },
                    afterCheckpoint: (Int) throws -> Void = { _ in }) throws -> Outcome {
        let s = settings, start = (initial?.step ?? 0) * s.batch
        try s.validate(start: start)
        let schedule = s.checkpoints(from: start)
        let model = try GPTModel(config: s.model, seed: s.seed, threads: s.threads)
        let trainer = Trainer(model: model, optimizer: s.optimizer, rng: RNG(seed: s.seed).derive("lds.train.trainer"))
        var losses: [(examples: Int, loss: Float)] = []
        if let resumed = schedule.last(where: { FileManager.default.fileExists(atPath: lossURL($0).path) }) {
            try trainer.loadCheckpoint(from: stateURL(resumed))
            losses = try readLosses(lossURL(resumed))
        } else {
            if let initial { try trainer.restore(initial) }
            try saveCheckpoint(trainer, losses, examples: start)
        }

        let tokens = TraceLayout.positions, dims = TraceLayout.inputDimension, B = s.batch
        let builder = TraceBuilder(library: library, backstory: s.backstory)
        let batch = TraceBatch(capacity: B)
        let dataSeed = RNG(seed: s.seed).derive("lds.train.data")
        var examples = trainer.stepCount * B
        while examples < s.examples {
            builder.fill(batch, seed: dataSeed, first: examples, count: B, threads: s.threads)
            // The model reads positions 0..<250; token 250 is only ever a target.
            let input = [Float](unsafeUninitializedCapacity: B * tokens * dims) { out, initialized in
                for b in 0..<B {
                    (out.baseAddress! + b * tokens * dims)
                        .initialize(from: batch.inputs.baseAddress! + b * TraceBatch.inputStride, count: tokens * dims)
                }
                initialized = B * tokens * dims
            }
            let loss = try trainer.step(.continuous(input), targets: .regression(Array(batch.targets)),
                                        mask: Array(batch.lossMask), batch: B, length: tokens)
            examples += B
            losses.append((examples, loss))
            progress(1)
            if (examples - start) % s.checkpointEvery == 0 {
                try saveCheckpoint(trainer, losses, examples: examples)
                try afterCheckpoint(examples)
            }
        }
        return Outcome(checkpoints: schedule.map { ($0, stateURL($0)) }, losses: losses)
    }

    /// Steps left to train, for a progress total.
    public func remainingSteps(start: Int) -> Int {
        let done = settings.checkpoints(from: start).last { FileManager.default.fileExists(atPath: lossURL($0).path) } ?? start
        return (settings.examples - done) / settings.batch
    }

    func stateURL(_ examples: Int) -> URL { workDirectory.appendingPathComponent("state-\(examples).h5") }
    func lossURL(_ examples: Int) -> URL { workDirectory.appendingPathComponent("loss-\(examples).h5") }

    private func saveCheckpoint(_ trainer: Trainer, _ losses: [(examples: Int, loss: Float)], examples: Int) throws {
        try trainer.saveCheckpoint(to: stateURL(examples))
        let final = lossURL(examples)
        let temporary = workDirectory.appendingPathComponent(".loss-\(examples).h5.partial")
        do {
            let file = try ArtifactFile.create(temporary)
            defer { file.close() }
            try file.setAttribute("steps", .int(Int64(losses.count)))
            if !losses.isEmpty {
                try file.write("examples", losses.map { Int64($0.examples) }, shape: [losses.count])
                try file.write("loss", losses.map(\.loss), shape: [losses.count])
            }
        }
        if Foundation.rename(temporary.path, final.path) != 0 {
            throw TrainingError.artifact(file: final.path, what: "cannot rename \(temporary.path) into place: errno \(errno)")
        }
    }

    private func readLosses(_ url: URL) throws -> [(examples: Int, loss: Float)] {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        guard case .int(let steps)? = try file.attribute("steps") else {
            throw TrainingError.artifact(file: url.path, what: "attribute steps missing")
        }
        if steps == 0 { return [] }
        let examples = try file.read("examples", as: Int64.self).values, loss = try file.read("loss", as: Float.self).values
        guard examples.count == Int(steps), loss.count == Int(steps) else {
            throw TrainingError.artifact(file: url.path, what: "\(examples.count) examples and \(loss.count) losses for \(steps) steps")
        }
        return zip(examples, loss).map { (Int($0), $1) }
    }
}
