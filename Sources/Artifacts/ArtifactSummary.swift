import Foundation

/// Human-readable listing of an artifact for `toyworld show`: provenance first, then every group
/// and dataset with dtype and shape, each followed by its attributes.
public enum ArtifactSummary {
    public static func describe(_ url: URL, maxValueLength: Int = 100) throws -> String {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let objects = try file.objects()
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
            }
            let attributes: [String: AttributeValue]
            do {
                attributes = try file.attributes(at: object.path)
            } catch let error as ArtifactError {
                lines.append("    (attributes unreadable: \(error.kind))")
                continue
            }
            for key in attributes.keys.sorted() {
                let value = DiffReport.shorten(attributes[key]!.description, limit: maxValueLength)
                lines.append("    @\(key) = \(value)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
