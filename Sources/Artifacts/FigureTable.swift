/// The figure-table convention shared by every world and the plot stage: a plotted table is a
/// 2-D float64 dataset `tables/<name>` of shape [rows, columns] whose `columns` attribute holds
/// the space-separated column names.
public enum FigureTable {
    public static let group = "tables"
    public static let columnsAttribute = "columns"

    public static func path(_ name: String) -> String { group + "/" + name }

    /// The table name of a dataset path, or nil when the dataset is not a figure table.
    public static func name(ofDataset path: String) -> String? {
        path.hasPrefix(group + "/") ? String(path.dropFirst(group.count + 1)) : nil
    }
}

extension ArtifactFile {
    /// Writes `values` (row-major, `columns.count` per row) as figure table `name`.
    public func writeTable(_ name: String, columns: [String], values: [Double]) throws {
        precondition(!columns.isEmpty && values.count % columns.count == 0,
                     "table \(name): \(values.count) values do not fill rows of \(columns.count) columns")
        let path = FigureTable.path(name)
        try write(path, values, shape: [values.count / columns.count, columns.count])
        try setAttribute(FigureTable.columnsAttribute, .string(columns.joined(separator: " ")), at: path)
    }

    /// Writes one row per element of `rows`, each with `columns.count` values.
    public func writeTable(_ name: String, columns: [String], rows: [[Double]]) throws {
        try writeTable(name, columns: columns, values: rows.flatMap { $0 })
    }

    /// Figure table `name` as [rows, columns].
    public func readTable(_ name: String) throws -> NDArray<Double> {
        try read(FigureTable.path(name), as: Double.self)
    }

    /// Figure table `name` as one array per row.
    public func tableRows(_ name: String) throws -> [[Double]] {
        let t = try readTable(name)
        let columns = t.shape.count == 2 ? t.shape[1] : 1
        return (0..<(t.values.count / max(1, columns))).map { Array(t.values[($0 * columns)..<(($0 + 1) * columns)]) }
    }

    /// The names of every figure table in the file, sorted.
    public func tableNames() throws -> [String] {
        try datasetPaths().compactMap(FigureTable.name(ofDataset:))
    }

    /// The column names of figure table `name` (empty when the attribute is absent).
    public func tableColumns(_ name: String) throws -> [String] {
        guard case .string(let text)? = try attribute(FigureTable.columnsAttribute, at: FigureTable.path(name)) else { return [] }
        return text.split(separator: " ").map(String.init)
    }
}

/// A figure table read whole, for code that picks columns by name (the summaries).
public struct NamedTable {
    public let columns: [String]
    public let rows: [[Double]]

    /// Table `name` of `file`, which must hold every column of `requiring` (an artifact made by
    /// an older version of its stage may lack one).
    public init(_ file: ArtifactFile, _ name: String, requiring: [String] = []) throws {
        columns = try file.tableColumns(name)
        rows = try file.tableRows(name)
        if let missing = requiring.first(where: { !columns.contains($0) }) {
            throw ArtifactError(file: file.url.path, .shapeMismatch(path: FigureTable.path(name),
                                                                   detail: "no column \(missing) (columns: \(columns.joined(separator: " ")))"))
        }
    }

    /// Column `name` top to bottom (empty when the table has no such column).
    public func column(_ name: String) -> [Double] {
        guard let c = columns.firstIndex(of: name) else { return [] }
        return rows.map { $0[c] }
    }
}
