import Pipeline

/// When a verdict applies: comparisons of facts with numbers or other facts, joined by `and`
/// and `or` (`and` binds tighter), e.g. `main.icl.peak >= 0.55 and main.icl.end <= 0.52`. A
/// bare path reads a yes/no fact; `not` negates one comparison or fact. A fact may carry a
/// factor, `1.25*lds.r3.heldout.pseudoinverse_median_index_3`, for "within 25 % of".
struct ClaimCondition {
    enum Operand: Equatable {
        case number(Double)
        case fact(String, factor: Double)
    }
    enum Comparison: String, CaseIterable {
        // Two-character operators first, so that ">=" is not read as ">".
        case atLeast = ">=", atMost = "<=", equal = "==", notEqual = "!=", above = ">", below = "<"
    }
    enum Term: Equatable {
        case compare(Operand, Comparison, Operand, negated: Bool)
        case flag(String, negated: Bool)
    }

    /// Alternatives of conjunctions.
    let alternatives: [[Term]]

    init(_ text: String, fail: (String) -> Error) throws {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !words.isEmpty else { throw fail("an empty condition") }
        var alternatives: [[Term]] = [], conjunction: [Term] = [], current: [String] = []
        func close() throws {
            guard !current.isEmpty else { throw fail("\"\(text)\": \"and\" or \"or\" without a comparison beside it") }
            conjunction.append(try Self.term(current, in: text, fail: fail))
            current = []
        }
        for word in words {
            switch word {
            case "and": try close()
            case "or": try close(); alternatives.append(conjunction); conjunction = []
            default: current.append(word)
            }
        }
        try close()
        alternatives.append(conjunction)
        self.alternatives = alternatives
    }

    private static func term(_ words: [String], in text: String, fail: (String) -> Error) throws -> Term {
        var words = words[...]
        let negated = words.first == "not"
        if negated { words = words.dropFirst() }
        let joined = words.joined(separator: " ")
        for comparison in Comparison.allCases {
            guard let range = joined.range(of: comparison.rawValue) else { continue }
            let lhs = joined[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let rhs = joined[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !lhs.isEmpty, !rhs.isEmpty, !lhs.contains(" "), !rhs.contains(" ") else {
                throw fail("\"\(text)\": \"\(joined)\" is not a comparison of two values")
            }
            return .compare(operand(lhs), comparison, operand(rhs), negated: negated)
        }
        guard words.count == 1, Double(joined) == nil else {
            throw fail("\"\(text)\": \"\(joined)\" is neither a comparison (>=, <=, >, <, ==, !=) nor a yes/no fact")
        }
        return .flag(joined, negated: negated)
    }

    private static func operand(_ word: String) -> Operand {
        if let number = Double(word) { return .number(number) }
        if let star = word.firstIndex(of: "*"), let factor = Double(word[..<star]) {
            return .fact(String(word[word.index(after: star)...]), factor: factor)
        }
        return .fact(word, factor: 1)
    }

    /// Every fact path the condition reads.
    var paths: [String] {
        alternatives.flatMap { $0 }.flatMap { term -> [String] in
            switch term {
            case .flag(let path, _): return [path]
            case .compare(let a, _, let b, _):
                return [a, b].compactMap { if case .fact(let p, _) = $0 { return p }; return nil }
            }
        }
    }

    func holds(_ facts: Facts, fail: (String) -> Error) throws -> Bool {
        func number(_ operand: Operand) throws -> Double? {
            switch operand {
            case .number(let v): return v
            case .fact(let path, let factor):
                switch facts.value(at: path) {
                case .int(let v)?: return factor * Double(v)
                case .double(let v)?: return factor * v
                case .null?: return nil
                case nil: throw fail("no fact \(path) (\(facts.nearest(path)))")
                default: throw fail("fact \(path) is not a number")
                }
            }
        }
        for conjunction in alternatives {
            var all = true
            for term in conjunction where all {
                switch term {
                case .flag(let path, let negated):
                    guard case .bool(let b)? = facts.value(at: path) else {
                        throw fail(facts.value(at: path) == nil ? "no fact \(path) (\(facts.nearest(path)))" : "fact \(path) is not yes/no")
                    }
                    all = b != negated
                case .compare(let a, let comparison, let b, let negated):
                    // A null fact (a time never reached) satisfies no comparison.
                    guard let x = try number(a), let y = try number(b) else { all = negated; continue }
                    let result: Bool
                    switch comparison {
                    case .atLeast: result = x >= y
                    case .atMost: result = x <= y
                    case .equal: result = x == y
                    case .notEqual: result = x != y
                    case .above: result = x > y
                    case .below: result = x < y
                    }
                    all = result != negated
                }
            }
            if all { return true }
        }
        return false
    }
}
