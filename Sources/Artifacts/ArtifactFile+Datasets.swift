import CHDF5

extension ArtifactFile {
    /// Datasets larger than this are chunked (chunks of about this size) and compressed.
    static let chunkingThresholdBytes = 1 << 20

    public func write<T: H5Element>(_ path: String, _ values: [T], shape: [Int]) throws {
        try values.withUnsafeBufferPointer { try write(path, buffer: $0, shape: shape) }
    }

    /// Writes a dataset, replacing any dataset already at `path`.
    public func write<T: H5Element>(_ path: String, buffer: UnsafeBufferPointer<T>, shape: [Int]) throws {
        try ensureOpen(path)
        let name = Self.canonical(path)
        guard !name.isEmpty else {
            throw ArtifactError(file: url.path, .shapeMismatch(path: "/", detail: "the root group cannot be a dataset"))
        }
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == buffer.count else {
            throw ArtifactError(file: url.path, .shapeMismatch(
                path: name, detail: "shape \(shape) does not hold \(buffer.count) values"))
        }
        if let slash = name.lastIndex(of: "/") { try createGroup(String(name[..<slash])) }
        if contains(name) {
            guard try objectType(name) == H5O_TYPE_DATASET else {
                throw ArtifactError(file: url.path, .typeMismatch(path: name, expected: "dataset", found: "group"))
            }
            guard H5Ldelete(fileID, Self.hdf5Name(name), toy_H5P_DEFAULT()) >= 0 else { throw error("replace dataset", name) }
        }

        let type = T.dtype.makeTypeID()
        defer { H5Tclose(type) }
        let dims = shape.map { hsize_t($0) }
        let space = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), dims, nil)
        guard space >= 0 else { throw error("create dataspace", name) }
        defer { H5Sclose(space) }
        let creation = try datasetCreationList(shape: shape, elementBytes: T.dtype.byteWidth, path: name)
        defer { H5Pclose(creation) }

        let dataset = H5Dcreate2(fileID, Self.hdf5Name(name), type, space, toy_H5P_DEFAULT(), creation, toy_H5P_DEFAULT())
        guard dataset >= 0 else { throw error("create dataset", name) }
        defer { H5Dclose(dataset) }
        // HDF5 rejects a nil buffer even for zero elements; an empty dataset needs no write.
        if let base = buffer.baseAddress, buffer.count > 0 {
            guard H5Dwrite(dataset, type, toy_H5S_ALL(), toy_H5S_ALL(), toy_H5P_DEFAULT(), base) >= 0 else {
                throw error("write dataset", name)
            }
        }
    }

    /// Contiguous for small datasets; for large ones, ~1 MiB chunks split along the leading
    /// dimensions, with shuffle + deflate(4).
    private func datasetCreationList(shape: [Int], elementBytes: Int, path: String) throws -> hid_t {
        let creation = try Self.objectCreationList(toy_H5P_DATASET_CREATE(), file: url.path)
        let totalBytes = shape.reduce(elementBytes, *)
        guard totalBytes > Self.chunkingThresholdBytes else { return creation }
        let chunk = Self.chunkShape(shape: shape, elementBytes: elementBytes, targetBytes: Self.chunkingThresholdBytes)
        guard H5Pset_chunk(creation, Int32(chunk.count), chunk.map { hsize_t($0) }) >= 0,
              H5Pset_shuffle(creation) >= 0,
              H5Pset_deflate(creation, 4) >= 0 else {
            H5Pclose(creation)
            throw error("set chunking", path)
        }
        return creation
    }

    /// Row-major block shape of about `targetBytes`: whole trailing dimensions, a run along the
    /// first dimension that fits, and 1 along the dimensions before it.
    static func chunkShape(shape: [Int], elementBytes: Int, targetBytes: Int) -> [Int] {
        var chunk = shape.map { _ in 1 }
        for axis in shape.indices {
            let innerBytes = shape[(axis + 1)...].reduce(elementBytes, *)
            if innerBytes <= targetBytes {
                chunk[axis] = max(1, min(shape[axis], targetBytes / max(innerBytes, 1)))
                for inner in (axis + 1)..<shape.count { chunk[inner] = shape[inner] }
                return chunk
            }
        }
        return chunk
    }

    public func read<T: H5Element>(_ path: String, as: T.Type) throws -> NDArray<T> {
        let fullShape = try shape(path)
        return try readSlice(path, start: fullShape.map { _ in 0 }, count: fullShape, as: T.self)
    }

    public func readSlice<T: H5Element>(_ path: String, start: [Int], count: [Int], as: T.Type) throws -> NDArray<T> {
        let name = Self.canonical(path)
        let dataset = try openDataset(name)
        defer { H5Dclose(dataset) }
        let found = try dtype(ofOpenDataset: dataset, path: name)
        guard found == T.dtype else {
            throw ArtifactError(file: url.path, .typeMismatch(path: name, expected: T.dtype.rawValue, found: found.rawValue))
        }
        let total = count.reduce(1, *)
        let values = try [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            try readBlock(dataset: dataset, path: name, dtype: T.dtype, start: start, count: count,
                          into: UnsafeMutableRawPointer(buffer.baseAddress), littleEndian: false)
            initialized = total
        }
        return NDArray(shape: count, values: values)
    }

    public func shape(_ path: String) throws -> [Int] {
        let dataset = try openDataset(Self.canonical(path))
        defer { H5Dclose(dataset) }
        return try shape(ofOpenDataset: dataset, path: path)
    }

    public func dtype(_ path: String) throws -> DType {
        let dataset = try openDataset(Self.canonical(path))
        defer { H5Dclose(dataset) }
        return try dtype(ofOpenDataset: dataset, path: path)
    }

    // MARK: - Helpers shared with digests and diffs

    func openDataset(_ path: String) throws -> hid_t {
        let object = try openObject(path)
        defer { H5Oclose(object) }
        guard try objectType(path) == H5O_TYPE_DATASET else {
            throw ArtifactError(file: url.path, .typeMismatch(path: Self.canonical(path), expected: "dataset", found: "group"))
        }
        let dataset = H5Dopen2(fileID, Self.hdf5Name(path), toy_H5P_DEFAULT())
        guard dataset >= 0 else { throw error("open dataset", path) }
        return dataset
    }

    func shape(ofOpenDataset dataset: hid_t, path: String) throws -> [Int] {
        let space = H5Dget_space(dataset)
        guard space >= 0 else { throw error("get dataspace", path) }
        defer { H5Sclose(space) }
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0 else { throw error("get rank", path) }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        guard H5Sget_simple_extent_dims(space, &dims, nil) >= 0 else { throw error("get dimensions", path) }
        return dims.map { Int($0) }
    }

    func dtype(ofOpenDataset dataset: hid_t, path: String) throws -> DType {
        let type = H5Dget_type(dataset)
        guard type >= 0 else { throw error("get type", path) }
        defer { H5Tclose(type) }
        guard let dtype = DType(hdf5Type: type) else {
            throw ArtifactError(file: url.path, .typeMismatch(
                path: Self.canonical(path), expected: "one of " + DType.allCases.map(\.rawValue).joined(separator: "/"),
                found: DType.describe(hdf5Type: type)))
        }
        return dtype
    }

    /// Reads the hyperslab `start`/`count` into `destination` (row-major, `count` product elements),
    /// in native or in little-endian byte order.
    func readBlock(dataset: hid_t, path: String, dtype: DType, start: [Int], count: [Int],
                   into destination: UnsafeMutableRawPointer?, littleEndian: Bool) throws {
        let fullShape = try shape(ofOpenDataset: dataset, path: path)
        guard start.count == fullShape.count, count.count == fullShape.count,
              zip(zip(start, count), fullShape).allSatisfy({ $0.0 >= 0 && $0.1 >= 0 && $0.0 + $0.1 <= $1 }) else {
            throw ArtifactError(file: url.path, .shapeMismatch(
                path: Self.canonical(path), detail: "slice start \(start) count \(count) outside shape \(fullShape)"))
        }
        guard count.reduce(1, *) > 0, let destination else { return }
        let fileSpace = H5Dget_space(dataset)
        guard fileSpace >= 0 else { throw error("get dataspace", path) }
        defer { H5Sclose(fileSpace) }
        let memorySpace: hid_t
        if fullShape.isEmpty {
            memorySpace = H5Screate(H5S_SCALAR)
        } else {
            let starts = start.map { hsize_t($0) }, counts = count.map { hsize_t($0) }
            guard H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, starts, nil, counts, nil) >= 0 else {
                throw error("select hyperslab", path)
            }
            memorySpace = H5Screate_simple(Int32(counts.count), counts, nil)
        }
        guard memorySpace >= 0 else { throw error("create memory dataspace", path) }
        defer { H5Sclose(memorySpace) }
        let memoryType = dtype.makeTypeID(littleEndianInMemory: littleEndian)
        defer { H5Tclose(memoryType) }
        guard H5Dread(dataset, memoryType, memorySpace, fileSpace, toy_H5P_DEFAULT(), destination) >= 0 else {
            throw error("read dataset", path)
        }
    }
}
