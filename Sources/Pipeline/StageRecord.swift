import Foundation

/// What one run of one stage instance was and produced: the entry of pipeline.lock and, with
/// the stage name added, the manifest.json of a cache entry.
public struct StageRecord: Equatable {
    public var kind: String
    public var version: Int
    public var key: String
    public var params: [String: JSONValue]
    /// Input name -> content digests of its artifacts, in reference order.
    public var inputs: [String: [String]]
    /// Output name -> content digest.
    public var outputs: [String: String]

    public init(kind: String, version: Int, key: String, params: [String: JSONValue], inputs: [String: [String]], outputs: [String: String]) {
        self.kind = kind
        self.version = version
        self.key = key
        self.params = params
        self.inputs = inputs
        self.outputs = outputs
    }

    public var json: JSONValue {
        .object([
            "kind": .string(kind), "version": .int(version), "key": .string(key), "params": .object(params),
            "inputs": .object(inputs.mapValues { .array($0.map(JSONValue.string)) }),
            "outputs": .object(outputs.mapValues(JSONValue.string)),
        ])
    }

    /// Reads a record back; nil when a field is missing or mistyped (treated as absent).
    public init?(json: JSONValue) {
        guard let kind = json["kind"]?.stringValue, let version = json["version"]?.intValue,
              let key = json["key"]?.stringValue, let params = json["params"]?.objectValue,
              let inputs = json["inputs"]?.objectValue, let outputs = json["outputs"]?.objectValue else { return nil }
        var inputDigests: [String: [String]] = [:]
        for (name, value) in inputs {
            guard let digests = value.arrayValue?.compactMap(\.stringValue) else { return nil }
            inputDigests[name] = digests
        }
        var outputDigests: [String: String] = [:]
        for (name, value) in outputs {
            guard let digest = value.stringValue else { return nil }
            outputDigests[name] = digest
        }
        self.init(kind: kind, version: version, key: key, params: params, inputs: inputDigests, outputs: outputDigests)
    }
}
