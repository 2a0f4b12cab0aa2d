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

    /// Parses `data`; a syntax error names `file` and the line it is on.
    public static func parse(_ data: Data, file: String) throws -> JSONValue {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw PipelineError("is not valid JSON: \(detail)", file: file, line: line(ofError: detail, in: data), category: .execution)
        }
        return try JSONValue(foundation: object)
    }

    /// The line of the character offset Foundation reports ("around character 20"), or the
    /// last line when the text ends early.
    private static func line(ofError detail: String, in data: Data) -> Int {
        let newlines = { (bytes: Data.SubSequence) in bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }
        guard let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
              let offset = Int(detail[range].dropFirst("character ".count)) else {
            return newlines(data[...]) - (data.last == 0x0A ? 1 : 0)
        }
        return newlines(data.prefix(offset))
    }

    /// The path of the first number JSON cannot hold (NaN, ±infinity), if any: a document
    /// holding one must not be written, or every later read of it fails.
    public var nonFinitePath: String? {
        switch self {
        case .double(let v): return v.isFinite ? nil : ""
        case .object(let fields):
            for key in fields.keys.sorted() { if let p = fields[key]!.nonFinitePath { return "/" + key + p } }
            return nil
        case .array(let items):
            for (i, item) in items.enumerated() { if let p = item.nonFinitePath { return "/\(i)" + p } }
            return nil
        default: return nil
        }
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
