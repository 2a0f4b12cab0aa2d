import Artifacts
import Foundation
import Transformer

/// The `run` output of `lds.train`:
/// - `checkpoints/<examples>`: UInt8 bytes of the trainer checkpoint (Transformer's
///   `Checkpoint` HDF5 file: parameters, AdamW moments, step, RNG, model config) taken after
///   that many examples, for every checkpoint of the run including its first;
/// - `checkpoint_examples`: Int64 [n], those counts in order;
/// - `tables/loss` [steps, 2] "examples loss": the training loss of every step;
/// - root attributes `mode`, `batch`, `restart_at` (-1 for a run from scratch).
public enum TrainingRunArtifact {
    public static func write(_ url: URL, checkpoints: [(examples: Int, file: URL)], losses: [(examples: Int, loss: Float)],
                             mode: BackstoryMode, batch: Int, restartAt: Int?) throws {
        let file = try ArtifactFile.create(url)
        defer { file.close() }
        for c in checkpoints {
            let bytes = [UInt8](try Data(contentsOf: c.file))
            try file.write("checkpoints/\(c.examples)", bytes, shape: [bytes.count])
        }
        try file.write("checkpoint_examples", checkpoints.map { Int64($0.examples) }, shape: [checkpoints.count])
        try file.writeTable("loss", columns: ["examples", "loss"], values: losses.flatMap { [Double($0.examples), Double($0.loss)] })
        try file.setAttribute("mode", .string(mode.rawValue))
        try file.setAttribute("batch", .int(Int64(batch)))
        try file.setAttribute("restart_at", .int(Int64(restartAt ?? -1)))
    }

    public static func checkpointExamples(_ file: ArtifactFile) throws -> [Int] {
        try file.read("checkpoint_examples", as: Int64.self).values.map { Int($0) }
    }

    public static func batch(_ file: ArtifactFile) throws -> Int {
        guard case .int(let b)? = try file.attribute("batch") else {
            throw TrainingError.artifact(file: file.url.path, what: "attribute batch missing or not an integer")
        }
        return Int(b)
    }

    /// The trainer state after `examples` examples, unpacked through a file in `scratch`.
    public static func state(_ file: ArtifactFile, examples: Int, scratch: URL) throws -> Trainer.State {
        let available = try checkpointExamples(file)
        guard available.contains(examples) else {
            throw TrainingError.artifact(file: file.url.path, what: "no checkpoint at \(examples) examples; it has \(available)")
        }
        let bytes = try file.read("checkpoints/\(examples)", as: UInt8.self).values
        let unpacked = scratch.appendingPathComponent("unpacked-\(examples)-\(UUID().uuidString).h5")
        try Data(bytes).write(to: unpacked)
        defer { try? FileManager.default.removeItem(at: unpacked) }
        return try Checkpoint.read(from: unpacked)
    }
}
