/// Values an attribute can hold. `.int`/`.double` are stored as scalars, `.ints`/`.doubles`
/// as 1-d arrays, so a one-element array stays an array on the way back.
public enum AttributeValue: Equatable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int64)
    case double(Double)
    case ints([Int64])
    case doubles([Double])

    /// Short tag naming the variant; part of the content digest.
    public var typeTag: String {
        switch self {
        case .string: return "string"
        case .int: return "int64"
        case .double: return "float64"
        case .ints: return "int64[]"
        case .doubles: return "float64[]"
        }
    }

    public var description: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .ints(let values): return "[" + values.map(String.init).joined(separator: ", ") + "]"
        case .doubles(let values): return "[" + values.map { String($0) }.joined(separator: ", ") + "]"
        }
    }
}
