import Artifacts
import Foundation

/// The artifact of one training run, readable from h5py without our code:
/// - `checkpoints/<n>/params/<tensor>`: float32, in the tensor's shape (Linear weights
///   `[out, in]` as in PyTorch's `nn.Linear`), after n units of the x-axis (root attribute
///   `unit`: `examples` or `sequences`); every checkpoint of the run, its start included;
///   attribute `step` on `checkpoints/<n>`;
/// - `checkpoints/<n>/adamw/m/<tensor>`, `.../adamw/v/<tensor>`: AdamW's moments, only at the
///   counts of the schedule's `keepMomentsAt` (where a later run restarts);
/// - `checkpoint_counts`: int64 [K], the n of every checkpoint in order;
/// - `tables/loss` [steps, 3], columns `step <unit> loss`: every step's loss (before its
///   update), at the count reached after it;
/// - root attributes: `unit`, `batch`, `tensors` (the tensor names in flat-layout order,
///   space-separated), the model's `model.*` architecture, and the world's own.
public struct TrainingRunArtifact {
    public let url: URL
    public let unit: String
    public let batch: Int
    public let counts: [Int]
    /// Training steps at each checkpoint (the x-axis of step-counted figures).
    public var steps: [Int] { counts.map { $0 / batch } }
    /// Tensor names and shapes in flat-layout order.
    public let tensors: [ParameterTensor]

    static func checkpointGroup(_ n: Int) -> String { "checkpoints/\(n)" }

    public init(_ url: URL) throws {
        self.url = url
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        func fail(_ why: String) -> TransformerError { .checkpoint("\(url.path): \(why)") }
        unit = try file.requiredString("unit")
        batch = try file.requiredInt("batch")
        let names = try file.requiredString("tensors")
        counts = try file.read("checkpoint_counts", as: Int64.self).values.map { Int($0) }
        guard let first = counts.first else { throw fail("the run has no checkpoint") }
        var tensors: [ParameterTensor] = [], offset = 0
        for name in names.split(separator: " ").map(String.init) {
            let shape = try file.shape("\(Self.checkpointGroup(first))/params/\(name)")
            tensors.append(ParameterTensor(name: name, shape: shape, offset: offset, decayed: false))
            offset += shape.reduce(1, *)
        }
        self.tensors = tensors
    }

    private func checkpoint(_ n: Int) throws -> String {
        guard counts.contains(n) else {
            throw TransformerError.checkpoint("\(url.path): no checkpoint at \(n) \(unit); it has \(counts.map(String.init).joined(separator: ", "))")
        }
        return Self.checkpointGroup(n)
    }

    /// The flat parameters of checkpoint n.
    public func parameters(at n: Int) throws -> [Float] {
        let group = try checkpoint(n)
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        return try file.readTensors("\(group)/params", tensors)
    }

    /// Sets `model`'s parameters to those of checkpoint n.
    public func load(_ n: Int, into model: TrainableModel) throws { try model.setParameters(try parameters(at: n)) }

    /// Parameters, moments and step of checkpoint n, which must keep its moments.
    public func state(at n: Int) throws -> Trainer.State {
        let group = try checkpoint(n)
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        guard file.contains("\(group)/adamw") else {
            let kept = counts.filter { file.contains("\(Self.checkpointGroup($0))/adamw") }
            throw TransformerError.checkpoint("\(url.path): checkpoint \(n) keeps no optimizer moments (kept at: \(kept.isEmpty ? "none" : kept.map(String.init).joined(separator: ", "))); add \(n) to the source run's keep_moments_at")
        }
        return Trainer.State(tensors: tensors, parameters: try file.readTensors("\(group)/params", tensors),
                             firstMoment: try file.readTensors("\(group)/adamw/m", tensors),
                             secondMoment: try file.readTensors("\(group)/adamw/v", tensors), step: try file.requiredInt("step", at: group))
    }

    /// Rows `step count loss`.
    public func lossTable() throws -> NDArray<Double> {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        return try file.readTable("loss")
    }

    static func write(_ url: URL, run: TrainingRun, attributes: [(String, AttributeValue)]) throws {
        let schedule = run.schedule, work = run.work, tensors = run.trainer.model.parameterTensors
        let file = try ArtifactFile.create(url)
        defer { file.close() }
        for n in run.checkpoints {
            let group = checkpointGroup(n)
            do {
                let params = try ArtifactFile.open(work.paramsURL(n))
                defer { params.close() }
                let values = try params.readTensors("params", tensors)
                try values.withUnsafeBufferPointer { try file.writeTensors("\(group)/params", tensors, from: $0) }
            }
            try file.setAttribute("step", .int(Int64(n / schedule.batch)), at: group)
            if schedule.keepMomentsAt.contains(n) {
                let state = try work.read(n).state
                try state.firstMoment.withUnsafeBufferPointer { try file.writeTensors("\(group)/adamw/m", tensors, from: $0) }
                try state.secondMoment.withUnsafeBufferPointer { try file.writeTensors("\(group)/adamw/v", tensors, from: $0) }
            }
        }
        try file.write("checkpoint_counts", run.checkpoints.map { Int64($0) }, shape: [run.checkpoints.count])
        let record = run.losses, B = schedule.batch
        try file.writeTable("loss", columns: ["step", schedule.unit, "loss"], values: record.losses.enumerated().flatMap { i, loss in
            let step = record.firstStep + i + 1
            return [Double(step), Double(step * B), Double(loss)]
        })
        try file.setAttribute("unit", .string(schedule.unit))
        try file.setAttribute("batch", .int(Int64(B)))
        try file.setAttribute("tensors", .string(tensors.map(\.name).joined(separator: " ")))
        for (name, value) in run.trainer.model.architecture + attributes { try file.setAttribute(name, value) }
    }
}
