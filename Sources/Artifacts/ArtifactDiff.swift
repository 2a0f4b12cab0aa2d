import CHDF5
import Foundation

/// Compares two artifact files dataset by dataset and attribute by attribute, ignoring the
/// `provenance` group. Datasets are streamed in bounded blocks, so any size can be compared.
public enum ArtifactDiff {
    /// Exact comparison by default; pass tolerances to accept |a-b| <= atol + rtol*|b|.
    public static func compare(_ urlA: URL, _ urlB: URL, rtol: Double = 0, atol: Double = 0) throws -> DiffReport {
        let fileA = try ArtifactFile.open(urlA), fileB = try ArtifactFile.open(urlB)
        defer { fileA.close(); fileB.close() }
        let objectsA = try contentObjects(fileA), objectsB = try contentObjects(fileB)

        var datasets: [DatasetDiff] = []
        let datasetsA = Set(objectsA.filter { $0.kind == .dataset }.map(\.path))
        let datasetsB = Set(objectsB.filter { $0.kind == .dataset }.map(\.path))
        for path in datasetsA.union(datasetsB).sorted() {
            if !datasetsB.contains(path) {
                datasets.append(DatasetDiff(path: path, status: .onlyInA))
            } else if !datasetsA.contains(path) {
                datasets.append(DatasetDiff(path: path, status: .onlyInB))
            } else {
                var diff = DatasetDiff(path: path, status: try compareDataset(path, fileA, fileB, rtol: rtol, atol: atol))
                if !diff.isSame, case .compared(.float64, let shape, _) = diff.status, shape.count == 2,
                   let table = FigureTable.name(ofDataset: path) {
                    diff.columns = try compareColumns(table, shape: shape, fileA, fileB, rtol: rtol, atol: atol)
                }
                datasets.append(diff)
            }
        }

        var attributes: [AttributeDiff] = []
        let pathsA = Set(objectsA.map(\.path)), pathsB = Set(objectsB.map(\.path))
        for path in pathsA.union(pathsB).sorted() {
            let valuesA = pathsA.contains(path) ? try fileA.attributes(at: path) : [:]
            let valuesB = pathsB.contains(path) ? try fileB.attributes(at: path) : [:]
            for name in Set(valuesA.keys).union(valuesB.keys).sorted() where valuesA[name] != valuesB[name] {
                attributes.append(AttributeDiff(objectPath: path, name: name, a: valuesA[name], b: valuesB[name]))
            }
        }
        var report = DiffReport(fileA: urlA, fileB: urlB, rtol: rtol, atol: atol, datasets: datasets, attributes: attributes)
        report.parameters = parameterDifferences(fileA, fileB)
        return report
    }

    /// The parameters each file's provenance records, where they differ (none when either
    /// file has no provenance).
    private static func parameterDifferences(_ fileA: ArtifactFile, _ fileB: ArtifactFile) -> [ParameterDiff] {
        // A file whose provenance is missing or partial has no parameters to show.
        guard let a = ((try? Provenance.read(from: fileA)) ?? nil).map({ parameters($0.parametersJSON) }),
              let b = ((try? Provenance.read(from: fileB)) ?? nil).map({ parameters($0.parametersJSON) }) else { return [] }
        return Set(a.keys).union(b.keys).sorted().compactMap { name in
            a[name] == b[name] ? nil : ParameterDiff(name: name, a: a[name], b: b[name])
        }
    }

    /// Each top-level parameter of a provenance's JSON object as compact JSON text.
    private static func parameters(_ json: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object.mapValues { value in
            guard let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]),
                  let text = String(data: data, encoding: .utf8) else { return "\(value)" }
            return String(text.dropFirst().dropLast())
        }
    }

    /// Which columns of a figure table differ, and in which rows. Tables are small (one row
    /// per checkpoint), so both are read whole.
    private static func compareColumns(_ table: String, shape: [Int], _ fileA: ArtifactFile, _ fileB: ArtifactFile,
                                       rtol: Double, atol: Double) throws -> [ColumnDiff] {
        let a = try fileA.readTable(table).values, b = try fileB.readTable(table).values
        let rowCount = shape[0], columnCount = shape[1]
        var names = try fileB.tableColumns(table)
        if names.count != columnCount { names = (0..<columnCount).map { "column \($0)" } }
        let keyAgrees = (0..<rowCount).allSatisfy { a[$0 * columnCount] == b[$0 * columnCount] }
        func label(_ row: Int) -> String {
            guard keyAgrees else { return "row \(row)" }
            let key = b[row * columnCount]
            return "\(names[0])=" + (key == key.rounded() && abs(key) < 1e15 ? String(Int(key)) : String(format: "%g", key))
        }
        var columns: [ColumnDiff] = []
        for column in 0..<columnCount {
            var comparison = NumericComparison()
            var rows: [String] = []
            for row in 0..<rowCount {
                let before = comparison.outsideTolerance
                comparison.add(a[row * columnCount + column], b[row * columnCount + column], rtol: rtol, atol: atol)
                if comparison.outsideTolerance > before { rows.append(label(row)) }
            }
            if !rows.isEmpty { columns.append(ColumnDiff(column: names[column], comparison: comparison, rows: rows)) }
        }
        return columns
    }

    private static func contentObjects(_ file: ArtifactFile) throws -> [ArtifactObject] {
        try file.objects().filter { !ContentDigest.isProvenance($0.path) }
    }

    private static func compareDataset(_ path: String, _ fileA: ArtifactFile, _ fileB: ArtifactFile,
                                       rtol: Double, atol: Double) throws -> DatasetDiff.Status {
        let datasetA = try fileA.openDataset(path)
        defer { H5Dclose(datasetA) }
        let datasetB = try fileB.openDataset(path)
        defer { H5Dclose(datasetB) }
        let dtypeA = try fileA.dtype(ofOpenDataset: datasetA, path: path)
        let dtypeB = try fileB.dtype(ofOpenDataset: datasetB, path: path)
        guard dtypeA == dtypeB else { return .dtypeMismatch(dtypeA, dtypeB) }
        let shapeA = try fileA.shape(ofOpenDataset: datasetA, path: path)
        let shapeB = try fileB.shape(ofOpenDataset: datasetB, path: path)
        guard shapeA == shapeB else { return .shapeMismatch(shapeA, shapeB) }

        // Both files are read block by block with the same hyperslab sequence, so memory stays
        // bounded by two blocks whatever the dataset size.
        var comparison = NumericComparison()
        let blocks = HyperslabBlocks(shape: shapeA, elementBytes: dtypeA.byteWidth, maxBytes: 4 << 20)
        let byteCount = max(1, blocks.maxBlockElements * dtypeA.byteWidth)
        let scratchA = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 16)
        defer { scratchA.deallocate() }
        let scratchB = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 16)
        defer { scratchB.deallocate() }
        for block in blocks {
            try fileA.readBlock(dataset: datasetA, path: path, dtype: dtypeA, start: block.start, count: block.count,
                                into: scratchA.baseAddress, littleEndian: false)
            try fileB.readBlock(dataset: datasetB, path: path, dtype: dtypeB, start: block.start, count: block.count,
                                into: scratchB.baseAddress, littleEndian: false)
            let elements = block.count.reduce(1, *)
            for index in 0..<elements {
                comparison.add(element(scratchA, index, dtypeA), element(scratchB, index, dtypeB), rtol: rtol, atol: atol)
            }
        }
        return .compared(dtypeA, shapeA, comparison)
    }

    private static func element(_ raw: UnsafeMutableRawBufferPointer, _ index: Int, _ dtype: DType) -> Double {
        switch dtype {
        case .float32: return Double(raw.load(fromByteOffset: index * 4, as: Float.self))
        case .float64: return raw.load(fromByteOffset: index * 8, as: Double.self)
        case .int32: return Double(raw.load(fromByteOffset: index * 4, as: Int32.self))
        case .int64: return Double(raw.load(fromByteOffset: index * 8, as: Int64.self))
        case .uint8, .bool: return Double(raw[index])
        }
    }
}
