/// What a `toyworld summary` subcommand found: the lines it prints for a reader, and the same
/// numbers by name for a program (`--json`), nested by the dots of their names
/// (`main.icl.peak` → `{"main": {"icl": {"peak": ...}}}`).
public struct SummaryReport {
    public private(set) var lines: [String] = []
    private var facts: [String: JSONValue] = [:]

    public init() {}

    public mutating func line(_ text: String) { lines.append(text) }

    /// Records `value` at the dotted `path`; a number that is not finite is recorded as null.
    public mutating func fact(_ path: String, _ value: Double) { fact(path, value.isFinite ? .double(value) : .null) }
    public mutating func fact(_ path: String, _ value: Int) { fact(path, .int(value)) }
    public mutating func fact(_ path: String, _ value: Bool) { fact(path, .bool(value)) }
    public mutating func fact(_ path: String, _ value: String) { fact(path, .string(value)) }

    public mutating func fact(_ path: String, _ value: JSONValue) {
        Self.insert(value, at: path.split(separator: ".").map(String.init)[...], into: &facts)
    }

    public var json: JSONValue { .object(facts) }

    /// The fact recorded at the dotted `path`, or nil.
    public func value(at path: String) -> JSONValue? {
        var current = JSONValue.object(facts)
        for key in path.split(separator: ".") {
            guard case .object(let fields) = current, let next = fields[String(key)] else { return nil }
            current = next
        }
        return current
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into object: inout [String: JSONValue]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            if case .object(let existing)? = object[head], case .object(let added) = value {
                object[head] = .object(existing.merging(added) { $1 })
            } else {
                object[head] = value
            }
            return
        }
        var child: [String: JSONValue] = [:]
        if case .object(let existing)? = object[head] { child = existing }
        insert(value, at: path.dropFirst(), into: &child)
        object[head] = .object(child)
    }
}
