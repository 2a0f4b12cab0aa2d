/// Errors of the contextual-recall world, naming the stage, file or key involved.
public enum RecallError: Error, CustomStringConvertible, Equatable {
    case parameter(stage: String, key: String, value: String, reason: String)
    case artifact(file: String, reason: String)

    public var description: String {
        switch self {
        case let .parameter(stage, key, value, reason): return "stage \(stage): parameter \(key) = \(value) \(reason)"
        case let .artifact(file, reason): return "\(file): \(reason)"
        }
    }
}
