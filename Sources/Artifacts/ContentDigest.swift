import CHDF5
import Foundation

/// A SHA-256 over everything an artifact says, and nothing about how or when it was made:
/// every group and dataset (path, dtype, shape, little-endian values) and every attribute, in
/// sorted path order, excluding the `provenance` group and all below it.
public enum ContentDigest {
    public static let excludedGroup = "provenance"

    public static func of(_ url: URL) throws -> String {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        var hasher = SHA256.Hasher()
        for object in try file.objects() where !isProvenance(object.path) {
            switch object.kind {
            case .group:
                hasher.updateField("group")
                hasher.updateField(object.path)
            case .dataset:
                try digestDataset(object.path, of: file, into: &hasher)
            }
            let attributes = try file.attributes(at: object.path)
            for name in attributes.keys.sorted() {
                let value = attributes[name]!
                hasher.updateField("attribute")
                hasher.updateField(name)
                hasher.updateField(value.typeTag)
                hasher.updateField(littleEndianBytes(of: value))
            }
        }
        return hasher.finalizeHex()
    }

    static func isProvenance(_ path: String) -> Bool {
        let canonical = ArtifactFile.canonical(path)
        return canonical == excludedGroup || canonical.hasPrefix(excludedGroup + "/")
    }

    private static func digestDataset(_ path: String, of file: ArtifactFile, into hasher: inout SHA256.Hasher) throws {
        let dataset = try file.openDataset(path)
        defer { H5Dclose(dataset) }
        let dtype = try file.dtype(ofOpenDataset: dataset, path: path)
        let shape = try file.shape(ofOpenDataset: dataset, path: path)
        hasher.updateField("dataset")
        hasher.updateField(path)
        hasher.updateField(dtype.rawValue)
        hasher.updateField(littleEndianBytes(of: .ints(shape.map { Int64($0) })))
        hasher.updateLength(shape.reduce(dtype.byteWidth, *))
        try file.forEachBlock(ofDataset: dataset, path: path, dtype: dtype, shape: shape, littleEndian: true) {
            hasher.update($0)
        }
    }

    private static func littleEndianBytes(of value: AttributeValue) -> [UInt8] {
        func bytes(_ words: [UInt64]) -> [UInt8] {
            words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
        }
        switch value {
        case .string(let text): return Array(text.utf8)
        case .int(let number): return bytes([UInt64(bitPattern: number)])
        case .double(let number): return bytes([number.bitPattern])
        case .ints(let numbers): return bytes(numbers.map { UInt64(bitPattern: $0) })
        case .doubles(let numbers): return bytes(numbers.map(\.bitPattern))
        }
    }
}

extension SHA256.Hasher {
    /// Length-prefixed so that adjacent fields can never run into each other ambiguously.
    mutating func updateField(_ bytes: [UInt8]) {
        updateLength(bytes.count)
        update(bytes)
    }

    mutating func updateField(_ text: String) {
        updateField(Array(text.utf8))
    }

    mutating func updateLength(_ length: Int) {
        update((0..<8).map { UInt8(truncatingIfNeeded: UInt64(length) >> (8 * UInt64($0))) })
    }
}
