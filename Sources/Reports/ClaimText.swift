import Foundation
import Pipeline

/// A cell of a claim table: text with `{path}` or `{path:spec}` placeholders filled from the
/// facts, and `{path:spec|fallback}` for a fact that may be null ("never"); `{{` and `}}` are
/// the braces themselves.
///
/// `spec` is a subset of Python's format mini-language, which researchers already know:
/// `.3f`, `.2g`, `.1e` (digits; `g` and `e` write the exponent short, 7.5e5), `d` (an
/// integer), `,d` (with thousands separators: 153,600), `.1%` (times 100, with a percent sign). Without a spec an integer
/// prints as is and a double with `.3g`.
struct ClaimText {
    enum Piece: Equatable {
        case literal(String)
        case fact(path: String, spec: String?, fallback: String?)
    }

    let pieces: [Piece]

    /// Parses `text`; `fail` builds the error for a malformed placeholder.
    init(_ text: String, fail: (String) -> Error) throws {
        var pieces: [Piece] = []
        var rest = Substring(text)
        var literal = ""
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            literal += rest[..<open]
            let next = rest.index(after: open)
            // As in Python, a doubled brace is the brace itself.
            if next < rest.endIndex && rest[next] == rest[open] {
                literal.append(rest[open])
                rest = rest[rest.index(after: next)...]
                continue
            }
            guard rest[open] == "{" else { throw fail("a lone \"}\" in \"\(text)\" (write }} for the brace)") }
            if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
            guard let close = rest[open...].firstIndex(of: "}") else { throw fail("\"{\" without a closing \"}\" in \"\(text)\"") }
            let inside = rest[rest.index(after: open)..<close]
            var body = Substring(inside), fallback: String?
            if let bar = body.firstIndex(of: "|") { fallback = String(body[body.index(after: bar)...]); body = body[..<bar] }
            var path = body, spec: String?
            if let colon = body.firstIndex(of: ":") { spec = String(body[body.index(after: colon)...]); path = body[..<colon] }
            let trimmed = path.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.contains(" ") else { throw fail("placeholder {\(inside)} does not name a fact") }
            if let spec, Self.format(1, spec: spec) == nil { throw fail("placeholder {\(inside)}: unknown format \"\(spec)\" (use .3f, .2g, .1e, d, ,d or .1%)") }
            pieces.append(.fact(path: trimmed, spec: spec, fallback: fallback))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// Every fact path the text reads.
    var paths: [String] {
        pieces.compactMap { if case .fact(let path, _, _) = $0 { return path }; return nil }
    }

    /// The filled text; `missing` builds the error for a path the facts lack or a value that
    /// cannot be shown.
    func render(_ facts: Facts, missing: (String) -> Error) throws -> String {
        try pieces.map { piece -> String in
            switch piece {
            case .literal(let text): return text
            case .fact(let path, let spec, let fallback):
                guard let value = facts.value(at: path) else { throw missing("no fact \(path) (\(facts.nearest(path)))") }
                switch value {
                case .null:
                    guard let fallback else { throw missing("fact \(path) is null; give a fallback: {\(path)|never}") }
                    return fallback
                case .int(let v): return spec.flatMap { Self.format(Double(v), spec: $0) } ?? String(v)
                case .double(let v): return Self.format(v, spec: spec ?? ".3g")!
                case .bool(let b): return b ? "yes" : "no"
                case .string(let s): return s
                case .object, .array: throw missing("fact \(path) is a group, not a value (\(facts.nearest(path + ".x")))")
                }
            }
        }.joined()
    }

    /// `value` formatted by `spec`, or nil when `spec` is not one this type knows.
    static func format(_ value: Double, spec: String) -> String? {
        // A value that rounds to zero prints without a sign: "-0.00" reads as a finding.
        formatSigned(value, spec: spec).map { text in
            text.hasPrefix("-") && !text.contains(where: { "123456789".contains($0) }) ? String(text.dropFirst()) : text
        }
    }

    private static func formatSigned(_ value: Double, spec: String) -> String? {
        switch spec {
        case "d": return String(Int(value.rounded()))
        case ",d": return grouped(Int(value.rounded()))
        default: break
        }
        guard spec.hasPrefix("."), let kind = spec.last, let digits = Int(spec.dropFirst().dropLast()), (0...12).contains(digits) else { return nil }
        switch kind {
        case "f": return String(format: "%.\(digits)f", value)
        case "e", "g": return shortExponent(String(format: "%.\(digits)\(kind)", value))
        case "%": return String(format: "%.\(digits)f%%", 100 * value)
        default: return nil
        }
    }

    /// "7.5e+05" as "7.5e5": the exponent without its plus sign and leading zeros.
    private static func shortExponent(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return text[..<e] + "e" + String(exponent)
    }

    private static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }
}
