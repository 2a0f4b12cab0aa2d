import Pipeline

/// Reads the facts of `toyworld summary ... --json` by dotted path (`transience.main.icl.peak`);
/// a number in the path indexes an array (`cr.sweeps.1.0.exact`).
struct Facts {
    let root: JSONValue

    func value(at path: String) -> JSONValue? {
        var current = root
        for key in path.split(separator: ".") {
            switch current {
            case .object(let fields):
                guard let next = fields[String(key)] else { return nil }
                current = next
            case .array(let items):
                guard let i = Int(key), items.indices.contains(i) else { return nil }
                current = items[i]
            case .null: return .null  // a group that is absent (a plateau never reached) has null members
            default: return nil
            }
        }
        return current
    }

    /// The names one level below the longest prefix of `path` that exists, for an error that
    /// says what could have been meant.
    func nearest(_ path: String) -> String {
        var keys = path.split(separator: ".").map(String.init)
        while !keys.isEmpty {
            keys.removeLast()
            let prefix = keys.joined(separator: ".")
            if let node = keys.isEmpty ? root : value(at: prefix) {
                let below: [String]
                switch node {
                case .object(let fields): below = fields.keys.sorted()
                case .array(let items): below = items.indices.map(String.init)
                default: below = []
                }
                let shown = below.prefix(12).joined(separator: ", ") + (below.count > 12 ? ", ..." : "")
                return keys.isEmpty ? "the facts start with: \(shown)" : "under \(prefix): \(shown)"
            }
        }
        return "there are no facts"
    }
}
