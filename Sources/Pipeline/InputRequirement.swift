/// A constraint between a stage's parameters and those of the stage instances connected to
/// one of its inputs, which no rule of a single kind can state: an `lds.train` run that
/// restarts from another at `restart_at` needs the other to keep its optimizer moments at that
/// checkpoint (`restart_at` one of the source's `keep_moments_at`). Declared on the `InputSpec`
/// (`InputSpec("from", optional: true, help: ..., requires: .parameter("restart_at", in:
/// "keep_moments_at"))`); `Plan.init` checks it against every producer instance connected to
/// the input once all instances exist, so a violation fails when pipeline.yaml is loaded, with
/// the line of the consumer's parameter, instead of when the consumer runs. An input left
/// unconnected (an optional one) is not checked.
public struct InputRequirement: Sendable {
    /// Parameters of the consuming kind the requirement reads. Each must be a declared parameter
    /// of that kind; an error names the line where the last of them was set.
    public let keys: [String]
    /// One line for `toyworld kinds`, e.g. `restart_at is one of the input's keep_moments_at`.
    public let description: String
    /// The violation as one sentence naming both stages, the keys and their values, or nil when
    /// the requirement holds. Arguments: the consumer's parameters and one producer instance
    /// connected to the input.
    public let check: @Sendable (_ consumer: Parameters, _ producer: StageInstance) -> String?

    /// A general requirement: `check` sees the consumer's complete parameters and the producer
    /// instance (its name, stage and complete parameters).
    public init(_ description: String, keys: [String],
                check: @escaping @Sendable (_ consumer: Parameters, _ producer: StageInstance) -> String?) {
        self.description = description
        self.keys = keys
        self.check = check
    }

    /// The consumer's number parameter `key` is one of the producer's list parameter `list`.
    /// `purpose` completes the advice of the error, "add it there so <producer> <purpose>"
    /// (e.g. `keeps its optimizer moments at that checkpoint`).
    public static func parameter(_ key: String, in list: String, so purpose: String? = nil) -> InputRequirement {
        InputRequirement("\(key) is one of the input's \(list)", keys: [key]) { consumer, producer in
            guard let value = consumer.values[key] else { return nil }
            guard case .list(let items)? = producer.params.values[list] else {
                return "\(key) = \(value) must be one of the input's \(list), but \(producer.name) (\(producer.kind.name)) "
                    + "has no list parameter \(list)"
            }
            if items.contains(where: { $0.sameNumber(as: value) }) { return nil }
            return "\(key) = \(value) is not one of \(producer.name)'s \(list) (\(ParamValue.list(items))); add it there"
                + (purpose.map { " so \(producer.name) \($0)" } ?? "")
        }
    }
}

extension ParamValue {
    /// Equal values, an int and a double of the same number counting as equal.
    func sameNumber(as other: ParamValue) -> Bool {
        switch (self, other) {
        case (.int(let a), .double(let b)): return Double(a) == b
        case (.double(let a), .int(let b)): return a == Double(b)
        default: return self == other
        }
    }
}
