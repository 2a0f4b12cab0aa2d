import CHDF5

/// A group or dataset found while walking a file; `path` is canonical ("" for the root).
struct ArtifactObject {
    enum Kind { case group, dataset }
    let path: String
    let kind: Kind
}

extension ArtifactFile {
    /// Every dataset path, sorted.
    public func datasetPaths() throws -> [String] {
        try objects().filter { $0.kind == .dataset }.map(\.path)
    }

    /// Every group path, sorted; the root group is "".
    public func groupPaths() throws -> [String] {
        try objects().filter { $0.kind == .group }.map(\.path)
    }

    /// The root group and everything below it, sorted by path.
    func objects() throws -> [ArtifactObject] {
        try ensureOpen("/")
        var found = [ArtifactObject(path: "", kind: .group)]
        var pendingGroups = [""]
        while let group = pendingGroups.popLast() {
            for child in try childNames(ofGroup: group) {
                let path = group.isEmpty ? child : group + "/" + child
                switch try objectType(path) {
                case H5O_TYPE_GROUP:
                    found.append(ArtifactObject(path: path, kind: .group))
                    pendingGroups.append(path)
                case H5O_TYPE_DATASET:
                    found.append(ArtifactObject(path: path, kind: .dataset))
                default:
                    continue
                }
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    private func childNames(ofGroup path: String) throws -> [String] {
        let group = H5Gopen2(fileID, Self.hdf5Name(path), toy_H5P_DEFAULT())
        guard group >= 0 else { throw error("open group", path) }
        defer { H5Gclose(group) }
        var names: [String] = []
        var index: hsize_t = 0
        let status = withUnsafeMutablePointer(to: &names) { namesPointer in
            H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
                guard let name, let data else { return -1 }
                data.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
                return 0
            }, namesPointer)
        }
        guard status >= 0 else { throw error("list group", path) }
        return names
    }
}
