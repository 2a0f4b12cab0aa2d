import Foundation

/// A JSON document with a deterministic rendering (sorted keys, 2-space indent, shortest
/// round-trip numbers) so that pipeline.lock and cache manifests diff cleanly under git.
public indirect enum JSONValue: Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    /// Multi-line rendering with a trailing newline, as written to disk.
    public var pretty: String { render(indent: "") + "\n" }

    /// Single-line rendering, used where the text itself is hashed or shown inline.
    public var compact: String {
        switch self {
        case .object(let fields):
            return "{" + fields.keys.sorted().map { ParamValue.jsonQuote($0) + ":" + fields[$0]!.compact }
                .joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map(\.compact).joined(separator: ",") + "]"
        default: return scalarText
        }
    }

    private func render(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            let lines = fields.keys.sorted().map { inner + ParamValue.jsonQuote($0) + ": " + fields[$0]!.render(indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.render(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default: return scalarText
        }
    }

    private var scalarText: String {
        switch self {
        case .string(let s): return ParamValue.jsonQuote(s)
        case .int(let v): return ParamValue.int(v).canonicalJSON
        case .double(let v): return ParamValue.double(v).canonicalJSON
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .object, .array: return compact
        }
    }

    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONValue(foundation: JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    private init(foundation value: Any) throws {
        switch value {
        case let dict as [String: Any]: self = .object(try dict.mapValues { try JSONValue(foundation: $0) })
        case let list as [Any]: self = .array(try list.map { try JSONValue(foundation: $0) })
        case let string as String: self = .string(string)
        case is NSNull: self = .null
        case let number as NSNumber:
            // The Objective-C type code is the only reliable way to tell 1 from 1.0 from true.
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "d", "f": self = .double(number.doubleValue)
            default: self = .int(number.intValue)
            }
        default: throw StageError("unsupported JSON value \(value)")
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var intValue: Int? { if case .int(let v) = self { return v }; return nil }
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
}

extension ParamValue {
    public var json: JSONValue {
        switch self {
        case .int(let v): return .int(v)
        case .double(let v): return .double(v)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let xs): return .array(xs.map(\.json))
        }
    }
}

extension Parameters {
    public var json: JSONValue { .object(values.mapValues(\.json)) }
}
