/// A constraint between parameters of one stage kind (`batch divides checkpoint_every`,
/// `heads divides width`, `restart_at < examples`) that no single range can say. A kind lists
/// its rules in `StageKind.rules`; the plan checks them for every stage instance once the
/// defaults, params, profile overrides and fan-out values are combined, so a profile that
/// breaks one fails with its pipeline.yaml line instead of hours into a run.
public struct ParamRule: Sendable {
    /// The parameters the rule involves. Each must be a declared parameter of the kind; an
    /// error names the line where the last of them was set.
    public let keys: [String]
    /// One line for `toyworld kinds`, e.g. `batch divides checkpoint_every`.
    public let description: String
    /// The violation as one sentence naming the keys and values
    /// (`batch = 48 does not divide checkpoint_every = 100`), or nil when the rule holds.
    public let check: @Sendable (Parameters) -> String?

    /// A general rule: `check` sees the instance's complete parameters.
    public init(_ description: String, keys: [String], check: @escaping @Sendable (Parameters) -> String?) {
        self.description = description
        self.keys = keys
        self.check = check
    }

    /// The int parameter `divisor` divides the int parameter `multiple` exactly.
    public static func divides(_ divisor: String, _ multiple: String) -> ParamRule {
        ParamRule("\(divisor) divides \(multiple)", keys: [divisor, multiple]) { params in
            let d = params.int(divisor), m = params.int(multiple)
            if d != 0, m % d == 0 { return nil }
            return "\(divisor) = \(d) does not divide \(multiple) = \(m)"
        }
    }

    /// The string parameter `key` is a plain file name (no /, no leading dot), because the
    /// stage writes a file of that name inside `folder` of the working tree.
    public static func plainFileName(_ key: String, writtenInside folder: String) -> ParamRule {
        ParamRule("\(key) is a plain file name", keys: [key]) { params in
            let name = params.string(key)
            return isPlainFileName(name) ? nil : "\(key) = \"\(name)\" must be a plain file name (no /, no leading dot): it is written inside \(folder)"
        }
    }

    /// The numeric parameter `smaller` is strictly less than `larger`.
    public static func less(_ smaller: String, than larger: String) -> ParamRule {
        ParamRule("\(smaller) < \(larger)", keys: [smaller, larger]) { params in
            params.double(smaller) < params.double(larger) ? nil
                : "\(smaller) = \(params.values[smaller]!) must be less than \(larger) = \(params.values[larger]!)"
        }
    }

    /// The numeric parameter `smaller` is at most `larger`.
    public static func lessOrEqual(_ smaller: String, to larger: String) -> ParamRule {
        ParamRule("\(smaller) <= \(larger)", keys: [smaller, larger]) { params in
            params.double(smaller) <= params.double(larger) ? nil
                : "\(smaller) = \(params.values[smaller]!) must be at most \(larger) = \(params.values[larger]!)"
        }
    }
}
