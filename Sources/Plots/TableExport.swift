import Artifacts
import Foundation

/// Exports the figure tables of an artifact (every 2-D dataset under `tables/`, with its
/// `columns` attribute) as tab-separated files gnuplot reads.
public enum TableExport {
    /// How a table is written: for gnuplot (tab-separated, the header a `#` comment), or for
    /// spreadsheets and pandas (a plain header line, tab- or comma-separated).
    public enum Format: String, CaseIterable, Sendable {
        case gnuplot, tsv, csv
        var separator: String { self == .csv ? "," : "\t" }
        var fileExtension: String { self == .csv ? "csv" : "tsv" }
        func header(_ columns: [String]) -> String {
            self == .gnuplot ? (["#"] + columns).joined(separator: " ") : columns.joined(separator: separator)
        }
        /// Nine significant digits are plenty for a plot (and what the figures' cache entries
        /// were made with); an export for analysis gives every value back exactly: whole
        /// numbers as integers, others in the shortest form that reads back to the same double.
        func text(_ value: Double) -> String {
            if self == .gnuplot { return String(format: "%.9g", value) }
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        }
    }

    /// Writes `<directory>/<prefix>.<table>.<tsv|csv>` for each table in `artifact`; returns
    /// the table names written.
    @discardableResult
    public static func export(_ artifact: URL, prefix: String, to directory: URL, format: Format = .gnuplot) throws -> [String] {
        let file = try ArtifactFile.open(artifact)
        defer { file.close() }
        var written: [String] = []
        for path in try file.datasetPaths() {
            guard let name = FigureTable.name(ofDataset: path) else { continue }
            let table = try file.readTable(name)
            guard table.shape.count == 2 else {
                throw PlotError.malformedTable(file: artifact.path, table: path, shape: table.shape)
            }
            let target = directory.appendingPathComponent("\(prefix).\(name.replacingOccurrences(of: "/", with: "_")).\(format.fileExtension)")
            try render(table, header: format.header(try file.tableColumns(name)), format: format)
                .write(to: target, atomically: true, encoding: .utf8)
            written.append(name)
        }
        return written
    }

    static func render(_ table: NDArray<Double>, header: String, format: Format = .gnuplot) -> String {
        let rows = table.shape[0], cols = table.shape[1]
        var out = header + "\n"
        out.reserveCapacity(rows * cols * 12)
        for r in 0..<rows {
            for c in 0..<cols {
                if c > 0 { out += format.separator }
                let v = table.values[r * cols + c]
                // NaN marks "no value" (e.g. a log panel's zero baseline); gnuplot skips it.
                out += v.isNaN ? "NaN" : format.text(v)
            }
            out += "\n"
        }
        return out
    }
}
