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
        kinds[kind.name] = kind
    }

    public subscript(name: String) -> StageKind.Type? { kinds[name] }
}
