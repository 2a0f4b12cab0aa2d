import Artifacts

/// The cache key of a stage instance: SHA-256 of its kind, the kind's version, its parameters
/// after the profile, and the content digests of its inputs. Inputs enter by digest, not by
/// key, so an upstream rerun that reproduces the same bytes leaves consumers' keys unchanged
/// (early cut-off).
public enum CacheKey {
    public static func of(kind: StageKind.Type, params: Parameters, inputDigests: [String: [String]]) -> String {
        let document = JSONValue.object([
            "kind": .string(kind.name), "version": .int(kind.version), "params": params.json,
            "inputs": .object(inputDigests.mapValues { .array($0.map(JSONValue.string)) }),
        ])
        return SHA256.hex(document.compact)
    }
}
