import Foundation

/// A parameter value as written in pipeline.yaml. Canonical JSON of these values (sorted keys,
/// shortest round-trip numbers) feeds the cache key.
public indirect enum ParamValue: Equatable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case list([ParamValue])

    public var description: String { canonicalJSON }

    public var canonicalJSON: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v):
            if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(format: "%.1f", v) }
            return "\(v)"
        case .string(let s): return ParamValue.jsonQuote(s)
        case .bool(let b): return b ? "true" : "false"
        case .list(let xs): return "[" + xs.map(\.canonicalJSON).joined(separator: ",") + "]"
        }
    }

    static func jsonQuote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

/// The type a stage kind declares for one of its parameters.
public enum ParamType: String, CustomStringConvertible {
    case int, double, string, bool, intList = "list of int", doubleList = "list of double", stringList = "list of string"
    /// A path relative to the repository root whose content enters the cache key (a figure's
    /// gnuplot script): editing the file reruns the stage.
    case file = "repository file"
    public var description: String { rawValue }
}

/// One declared parameter of a stage kind: its name, type, default, allowed values and a line
/// of help.
public struct ParamSpec {
    public let name: String
    public let type: ParamType
    public let defaultValue: ParamValue?
    public let help: String
    /// Allowed values for a string parameter (an enumeration such as `normal|masked-backstory`).
    public let choices: [String]?
    /// The engine fills this string parameter with the active profile's name unless
    /// pipeline.yaml sets it: a figure says which profile made it, and each profile's figures
    /// are distinct cache entries.
    public let isActiveProfile: Bool
    /// Allowed values of an int or double parameter, or of each element of a list of them.
    /// Checked when the plan is built, so an impossible value fails at its pipeline.yaml line.
    public let range: ParamRange?

    public init(_ name: String, _ type: ParamType, default defaultValue: ParamValue? = nil,
                choices: [String]? = nil, range: ParamRange? = nil, help: String) {
        precondition(range == nil || [.int, .double, .intList, .doubleList].contains(type),
                     "parameter \(name): a range applies only to int and double parameters and their lists, not \(type)")
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.choices = choices
        self.range = range
        self.help = help
        self.isActiveProfile = false
    }

    /// A string parameter that receives the active profile's name.
    public static func activeProfile(_ name: String, help: String) -> ParamSpec {
        ParamSpec(name: name, help: help)
    }

    private init(name: String, help: String) {
        self.name = name
        self.type = .string
        self.defaultValue = nil
        self.choices = nil
        self.range = nil
        self.help = help
        self.isActiveProfile = true
    }
}

/// The resolved, type-checked parameters of one stage instance.
public struct Parameters {
    public let values: [String: ParamValue]

    public init(_ values: [String: ParamValue]) { self.values = values }

    /// `{"a":1,"b":"x"}` with keys sorted: what the cache key and provenance record.
    public var canonicalJSON: String {
        "{" + values.keys.sorted().map { ParamValue.jsonQuote($0) + ":" + values[$0]!.canonicalJSON }
            .joined(separator: ",") + "}"
    }

    public func int(_ name: String) -> Int {
        guard case .int(let v)? = values[name] else { fatalError("parameter \(name) is not a validated int") }
        return v
    }
    public func double(_ name: String) -> Double {
        switch values[name] {
        case .double(let v)?: return v
        case .int(let v)?: return Double(v)
        default: fatalError("parameter \(name) is not a validated double")
        }
    }
    public func string(_ name: String) -> String {
        guard case .string(let v)? = values[name] else { fatalError("parameter \(name) is not a validated string") }
        return v
    }
    public func bool(_ name: String) -> Bool {
        guard case .bool(let v)? = values[name] else { fatalError("parameter \(name) is not a validated bool") }
        return v
    }
    public func ints(_ name: String) -> [Int] {
        guard case .list(let xs)? = values[name] else { fatalError("parameter \(name) is not a validated list") }
        return xs.map { if case .int(let v) = $0 { return v }; fatalError("parameter \(name) holds a non-int") }
    }
    public func doubles(_ name: String) -> [Double] {
        guard case .list(let xs)? = values[name] else { fatalError("parameter \(name) is not a validated list") }
        return xs.map {
            switch $0 {
            case .double(let v): return v
            case .int(let v): return Double(v)
            default: fatalError("parameter \(name) holds a non-number")
            }
        }
    }
    public func strings(_ name: String) -> [String] {
        guard case .list(let xs)? = values[name] else { fatalError("parameter \(name) is not a validated list") }
        return xs.map { if case .string(let v) = $0 { return v }; fatalError("parameter \(name) holds a non-string") }
    }
}
