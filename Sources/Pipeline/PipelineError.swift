/// An error in pipeline.yaml or in running the pipeline, rendered as one sentence that names
/// the file and line where it has one: `pipeline.yaml:12: stage coop: unknown parameter ...`.
public struct PipelineError: Error, CustomStringConvertible, Equatable {
    public enum Category: Equatable {
        /// pipeline.yaml is malformed or inconsistent.
        case specification
        /// Another repro holds data/repro.lock and the caller asked not to wait.
        case busy
        /// A stage, the cache, git or the file system failed while running.
        case execution
    }

    public let category: Category
    public let file: String?
    public let line: Int?
    public let message: String

    public init(_ message: String, file: String? = nil, line: Int? = nil, category: Category = .specification) {
        self.message = message
        self.file = file
        self.line = line
        self.category = category
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}
