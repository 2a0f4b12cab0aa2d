/// The stage kinds the pipeline knows. Worlds add theirs at start-up; the pipeline itself
/// knows none.
public struct StageRegistry {
    public private(set) var kinds: [String: StageKind.Type] = [:]

    public init() {}

    public init(_ kinds: [StageKind.Type]) {
        for kind in kinds { register(kind) }
    }

    public mutating func register(_ kind: StageKind.Type) {
        precondition(kinds[kind.name] == nil, "stage kind \(kind.name) registered twice")
        // A rule over an undeclared key could never be checked; say so at start-up, not mid-plan.
        for rule in kind.rules {
            for key in rule.keys where !kind.parameters.contains(where: { $0.name == key }) {
                preconditionFailure("stage kind \(kind.name): rule \(rule.description) names undeclared parameter \(key)")
            }
        }
        for input in kind.inputs {
            guard let requirement = input.requirement else { continue }
            for key in requirement.keys where !kind.parameters.contains(where: { $0.name == key }) {
                preconditionFailure("stage kind \(kind.name): input \(input.name) requires \(requirement.description), "
                                    + "which names undeclared parameter \(key)")
            }
        }
        kinds[kind.name] = kind
    }

    public subscript(name: String) -> StageKind.Type? { kinds[name] }
}
