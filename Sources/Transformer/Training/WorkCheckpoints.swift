import Artifacts
import Foundation

/// The checkpoints of a training run in progress, in the stage's work directory (which
/// survives a killed run):
/// - `params-<n>.h5`: the parameters after n units (`params/<tensor>`), one per checkpoint,
///   gathered into the run artifact at the end;
/// - `state-<n>.h5`: what resuming needs besides them — AdamW's moments (`adamw/m/<tensor>`,
///   `adamw/v/<tensor>`), the step, and the loss of every step so far (`loss`, with attribute
///   `first_step`). Kept for the newest two checkpoints (the newest may be damaged) and for
///   the counts whose moments the artifact keeps.
///
/// Each file is written durably (`DurableFile`) and the state file after the parameters, so a
/// complete checkpoint n is one whose state file exists.
struct WorkCheckpoints {
    let directory: URL
    let tensors: [ParameterTensor]

    func paramsURL(_ n: Int) -> URL { directory.appendingPathComponent("params-\(n).h5") }
    func stateURL(_ n: Int) -> URL { directory.appendingPathComponent("state-\(n).h5") }

    /// What resuming from a checkpoint restores.
    struct Resumed {
        let count: Int
        let state: Trainer.State
        let losses: LossRecord
    }

    func save(_ n: Int, trainer: Trainer, losses: LossRecord) throws {
        let model = trainer.model
        try DurableFile.writeArtifact(paramsURL(n)) { file in
            try file.writeTensors("params", tensors, from: UnsafeBufferPointer(model.parameters))
        }
        try DurableFile.writeArtifact(stateURL(n)) { file in
            try file.writeTensors("adamw/m", tensors, from: UnsafeBufferPointer(trainer.moments.m.buffer))
            try file.writeTensors("adamw/v", tensors, from: UnsafeBufferPointer(trainer.moments.v.buffer))
            try file.setAttribute("step", .int(Int64(trainer.stepCount)))
            try losses.write(to: file)
        }
    }

    /// Deletes the state files no longer needed: all but the newest two and those at `keep`.
    func prune(checkpoints: [Int], upTo newest: Int, keep: Set<Int>) {
        let done = checkpoints.filter { $0 <= newest }
        for n in done.dropLast(2) where !keep.contains(n) { try? FileManager.default.removeItem(at: stateURL(n)) }
    }

    /// The newest complete checkpoint among `checkpoints` that reads back whole. A damaged one
    /// is reported through `warn`, deleted, and the one before it tried.
    func newest(among checkpoints: [Int], warn: (String) -> Void) -> Resumed? {
        for n in checkpoints.reversed() where FileManager.default.fileExists(atPath: stateURL(n).path) {
            do {
                return try read(n)
            } catch {
                warn("checkpoint at \(n) is damaged and was skipped (\(error)); resuming from the one before")
                try? FileManager.default.removeItem(at: stateURL(n))
                try? FileManager.default.removeItem(at: paramsURL(n))
            }
        }
        return nil
    }

    func read(_ n: Int) throws -> Resumed {
        let parameters: [Float]
        do {
            let file = try ArtifactFile.open(paramsURL(n))
            defer { file.close() }
            parameters = try file.readTensors("params", tensors)
        }
        let file = try ArtifactFile.open(stateURL(n))
        defer { file.close() }
        let state = Trainer.State(tensors: tensors, parameters: parameters, firstMoment: try file.readTensors("adamw/m", tensors),
                                  secondMoment: try file.readTensors("adamw/v", tensors), step: try file.requiredInt("step"))
        return Resumed(count: n, state: state, losses: try LossRecord(from: file))
    }
}

/// The loss of every step of a run, from its first step on: losses[i] is the loss of step
/// `firstStep + i` (0-based), taken before that step's update.
struct LossRecord: Equatable {
    var firstStep: Int
    var losses: [Float] = []

    init(firstStep: Int) { self.firstStep = firstStep }

    init(from file: ArtifactFile) throws {
        firstStep = try file.requiredInt("first_step")
        if file.contains("loss") { losses = try file.read("loss", as: Float.self).values }
    }

    func write(to file: ArtifactFile) throws {
        try file.setAttribute("first_step", .int(Int64(firstStep)))
        if !losses.isEmpty { try file.write("loss", losses, shape: [losses.count]) }
    }
}
