import Artifacts
import Foundation
import Linalg
import Transformer

/// Online training on fresh batches with parameter snapshots every `checkpointEvery`
/// iterations (and at 0 and the end). Resumable: after each snapshot the trainer state (moments,
/// step and the data RNG) is saved in `workDirectory`, so a killed run continues where it
/// stopped and ends with the same bytes as an uninterrupted one.
struct TrainingLoop {
    let trainer: Trainer
    let generator: SequenceGenerator
    let batchSize: Int
    let iterations: Int
    let checkpointEvery: Int
    let workDirectory: URL
    /// Called after each step (progress), with the number of completed steps.
    var onStep: (Int) -> Void = { _ in }

    private var resumeURL: URL { workDirectory.appendingPathComponent("resume.h5") }
    private func snapshotURL(_ iteration: Int) -> URL { workDirectory.appendingPathComponent("snapshot-\(iteration).h5") }

    var checkpointIterations: [Int] {
        Array(Set(stride(from: 0, through: iterations, by: checkpointEvery)).union([iterations])).sorted()
    }

    /// Runs (or finishes) the training; returns the snapshots' iterations, flat parameters and window losses.
    func run() throws -> (iterations: [Int], parameters: [Float], losses: [Double]) {
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: resumeURL.path) {
            try trainer.loadCheckpoint(from: resumeURL)
        } else {
            try writeSnapshot(iteration: 0, loss: .nan)
        }
        let batch = generator.makeBatch(batchSize)
        var windowLoss = 0.0, windowSteps = 0
        let marks = Set(checkpointIterations)
        while trainer.stepCount < iterations {
            generator.fill(batch, &trainer.rng)
            let loss = try trainer.step(.tokens(batch.inputs), targets: .tokens(batch.targets), mask: batch.lossMask,
                                        batch: batch.batch, length: batch.length)
            windowLoss += Double(loss); windowSteps += 1
            onStep(trainer.stepCount)
            if marks.contains(trainer.stepCount) {
                try writeSnapshot(iteration: trainer.stepCount, loss: windowLoss / Double(windowSteps))
                try trainer.saveCheckpoint(to: resumeURL)
                windowLoss = 0; windowSteps = 0
            }
        }
        var parameters: [Float] = [], losses: [Double] = []
        for iteration in checkpointIterations {
            let file = try ArtifactFile.open(snapshotURL(iteration))
            parameters += try file.read("params", as: Float.self).values
            if iteration > 0, case .double(let loss)? = try file.attribute("loss") { losses.append(loss) }
            file.close()
        }
        return (checkpointIterations, parameters, losses)
    }

    private func writeSnapshot(iteration: Int, loss: Double) throws {
        let url = snapshotURL(iteration)
        let partial = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        do {
            let file = try ArtifactFile.create(partial)
            defer { file.close() }
            try file.write("params", buffer: UnsafeBufferPointer(trainer.model.parameters), shape: [trainer.model.parameterCount])
            try file.setAttribute("loss", .double(loss))
        }
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.moveItem(at: partial, to: url)
    }
}
