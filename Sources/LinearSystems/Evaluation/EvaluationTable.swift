import Artifacts
import Foundation

/// One figure table of an `lds.evaluate` artifact, read back: rows are checkpoints, columns
/// `EvaluationSuite.columns` (examples, the model's quartiles per index, the pseudoinverse's).
public struct EvaluationTable {
    public let file: String
    public let name: String
    public let examples: [Int]
    public let indexCount: Int
    private let values: [Double]
    private let width: Int

    public init(_ artifact: ArtifactFile, name: String) throws {
        let table = try artifact.readTable(name)
        guard table.shape.count == 2, table.shape[0] > 0, table.shape[1] > 1, (table.shape[1] - 1) % 6 == 0 else {
            throw EvaluationTableError(file: artifact.url.path, table: name, what: "shape \(table.shape) is not [checkpoints, 1 + 6 x indices]")
        }
        file = artifact.url.path
        self.name = name
        width = table.shape[1]
        indexCount = (width - 1) / 6
        values = table.values
        examples = (0..<table.shape[0]).map { Int(table.values[$0 * table.shape[1]]) }
    }

    /// The model's median at 1-based `index` in checkpoint row `row`.
    public func median(row: Int, index: Int) -> Double { values[row * width + 3 * index - 1] }

    /// The pseudoinverse's median at 1-based `index` (the same on every row).
    public func baselineMedian(index: Int) -> Double { values[3 * indexCount + 3 * index - 1] }

    /// The row of the checkpoint at `examples`, if the run has one.
    public func row(atExamples e: Int) -> Int? { examples.firstIndex(of: e) }
}

public struct EvaluationTableError: Error, CustomStringConvertible {
    public let file: String
    public let table: String
    public let what: String
    public var description: String { "\(file): table \(table): \(what)" }
}
