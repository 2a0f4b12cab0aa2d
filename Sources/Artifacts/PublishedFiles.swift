/// Files an artifact carries for the working tree (a rendered figure): the bytes as uint8
/// dataset `published/<name>`, the repository-relative path as its attribute `path`. The cache
/// entry is then the truth about the file, and the pipeline can write it back whenever the
/// working tree's copy differs.
extension ArtifactFile {
    public static let publishedGroup = "published"

    public func publish(_ bytes: [UInt8], as name: String, at path: String) throws {
        let dataset = "\(Self.publishedGroup)/\(name)"
        try write(dataset, bytes, shape: [bytes.count])
        try setAttribute("path", .string(path), at: dataset)
    }

    /// Every published file, by name order.
    public func publishedFiles() throws -> [(path: String, bytes: [UInt8])] {
        guard contains(Self.publishedGroup) else { return [] }
        return try datasetPaths().filter { $0.hasPrefix(Self.publishedGroup + "/") }.sorted().map { dataset in
            guard case .string(let path)? = try attribute("path", at: dataset) else {
                throw ArtifactError(file: url.path, .missingObject(path: "\(dataset)@path"))
            }
            return (path, try read(dataset, as: UInt8.self).values)
        }
    }
}
