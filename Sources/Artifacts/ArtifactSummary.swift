import Foundation

/// Human-readable listing of an artifact for `toyworld show`: provenance first, then every group
/// and dataset with dtype and shape in natural order (`checkpoints/32` before
/// `checkpoints/128`), each followed by its attributes in full and, on request, its first values.
public enum ArtifactSummary {
    public static func describe(_ url: URL, values: Int = 0) throws -> String {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let objects = try file.objects().sorted { naturallyBefore($0.path, $1.path) }
        let provenance = objects.filter { ContentDigest.isProvenance($0.path) }
        let content = objects.filter { !ContentDigest.isProvenance($0.path) }
        var lines = ["file: \(url.path)"]
        for object in provenance + content {
            let name = "/" + object.path
            switch object.kind {
            case .group:
                lines.append(object.path.isEmpty ? "/" : "\(name)/")
            case .dataset:
                let description = (try? "\(file.dtype(object.path).rawValue) \(file.shape(object.path))")
                    ?? "(unsupported type)"
                lines.append("\(name)  \(description)")
                if values > 0, let shown = try? firstValues(file, object.path, limit: values) { lines.append("    = \(shown)") }
            }
            let attributes: [String: AttributeValue]
            do {
                attributes = try file.attributes(at: object.path)
            } catch let error as ArtifactError {
                lines.append("    (attributes unreadable: \(error.kind))")
                continue
            }
            for key in attributes.keys.sorted() { lines.append("    @\(key) = \(attributes[key]!.description)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first `limit` values of a dataset, flattened, and how many there are in all.
    static func firstValues(_ file: ArtifactFile, _ path: String, limit: Int) throws -> String {
        let count = try file.shape(path).reduce(1, *)
        let shown: [String]
        switch try file.dtype(path) {
        case .float32: shown = try file.read(path, as: Float.self).values.prefix(limit).map { "\($0)" }
        case .float64: shown = try file.read(path, as: Double.self).values.prefix(limit).map { "\($0)" }
        case .int64: shown = try file.read(path, as: Int64.self).values.prefix(limit).map { "\($0)" }
        case .uint8: shown = try file.read(path, as: UInt8.self).values.prefix(limit).map { "\($0)" }
        default: return "(values of this type are not shown)"
        }
        return "[" + shown.joined(separator: ", ") + (count > limit ? ", … (\(count) in all)]" : "]")
    }

    /// Path order with numbers compared as numbers, component by component.
    public static func naturallyBefore(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: "/", omittingEmptySubsequences: false), y = b.split(separator: "/", omittingEmptySubsequences: false)
        for (p, q) in zip(x, y) where p != q {
            if let m = Int(p), let n = Int(q) { return m < n }
            return p < q
        }
        return x.count < y.count
    }
}
