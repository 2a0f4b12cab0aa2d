import CHDF5

/// Splits a dataset of `shape` into hyperslabs of at most about `maxBytes`, in row-major order,
/// so that concatenating the blocks gives the dataset's row-major element order. Lets digests and
/// diffs stream datasets of any size with bounded memory.
struct HyperslabBlocks: Sequence {
    let shape: [Int]
    let blockShape: [Int]

    init(shape: [Int], elementBytes: Int, maxBytes: Int) {
        self.shape = shape
        self.blockShape = ArtifactFile.chunkShape(shape: shape, elementBytes: elementBytes, targetBytes: maxBytes)
    }

    var maxBlockElements: Int { blockShape.reduce(1, *) }

    func makeIterator() -> AnyIterator<(start: [Int], count: [Int])> {
        var start: [Int]? = shape.contains(0) ? nil : shape.map { _ in 0 }
        return AnyIterator {
            guard let current = start else { return nil }
            let count = zip(zip(current, blockShape), shape).map { Swift.min($0.1, $1 - $0.0) }
            start = advance(current)
            return (current, count)
        }
    }

    /// Next block origin in row-major order, or nil after the last block.
    private func advance(_ origin: [Int]) -> [Int]? {
        var next = origin
        for axis in shape.indices.reversed() {
            next[axis] += blockShape[axis]
            if next[axis] < shape[axis] { return next }
            next[axis] = 0
        }
        return nil
    }
}

extension ArtifactFile {
    /// Calls `body` with each block of the dataset's raw bytes in row-major order, little-endian
    /// when asked; the buffer is reused between calls.
    func forEachBlock(ofDataset dataset: hid_t, path: String, dtype: DType, shape: [Int], maxBytes: Int = 4 << 20,
                      littleEndian: Bool, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let blocks = HyperslabBlocks(shape: shape, elementBytes: dtype.byteWidth, maxBytes: maxBytes)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, blocks.maxBlockElements * dtype.byteWidth),
                                                             alignment: 16)
        defer { scratch.deallocate() }
        for block in blocks {
            try readBlock(dataset: dataset, path: path, dtype: dtype, start: block.start, count: block.count,
                          into: scratch.baseAddress, littleEndian: littleEndian)
            try body(UnsafeRawBufferPointer(rebasing: scratch[..<(block.count.reduce(1, *) * dtype.byteWidth)]))
        }
    }
}
