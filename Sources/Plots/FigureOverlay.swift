import Artifacts
import Foundation

/// `toyworld diff --figures`: a figure redrawn from two versions of its tables, the old one
/// faint under the new, by the new version's own script and style (both kept in its plot
/// artifact), so that what moved is seen in the figure's own axes.
public enum FigureOverlay {
    /// Where a plot artifact keeps table `table` of its input `input`.
    public static func inputTablePath(input: Int, table: String) -> String { "data\(input)/\(FigureTable.path(table))" }

    /// Renders the overlay of plot artifacts `old` and `new` as PNG at `output`.
    public static func render(old: URL, new: URL, profile: String, output: URL) throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("toyworld-overlay-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let oldTables = work.appendingPathComponent("old"), newTables = work.appendingPathComponent("new")
        try exportInputTables(of: old, to: oldTables)
        try exportInputTables(of: new, to: newTables)

        let file = try ArtifactFile.open(new)
        defer { file.close() }
        guard case .string(let script)? = try file.attribute("script"), case .string(let style)? = try file.attribute("style") else {
            throw PlotError.notAPlot(new.path)
        }
        let scriptURL = work.appendingPathComponent("script.gp"), styleURL = work.appendingPathComponent("style.gp")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        try style.write(to: styleURL, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Gnuplot.render(script: scriptURL, datadir: newTables, profile: profile, format: .png, output: output,
                           style: styleURL, olddir: oldTables)
    }

    /// The file name (`fig03-masked-backstory.png`) a plot artifact rendered.
    public static func figureName(of plot: URL) throws -> String {
        let file = try ArtifactFile.open(plot)
        defer { file.close() }
        guard case .string(let name)? = try file.attribute("figure") else { throw PlotError.notAPlot(plot.path) }
        return name
    }

    /// Writes the input tables a plot artifact keeps as `<directory>/data<i>.<table>.tsv`, the
    /// names its script reads.
    static func exportInputTables(of plot: URL, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = try ArtifactFile.open(plot)
        defer { file.close() }
        for path in try file.datasetPaths() {
            let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].hasPrefix("data"), let table = FigureTable.name(ofDataset: parts[1]) else { continue }
            let values = try file.read(path, as: Double.self)
            guard values.shape.count == 2 else { throw PlotError.malformedTable(file: plot.path, table: path, shape: values.shape) }
            let columns: [String]
            if case .string(let text)? = try file.attribute(FigureTable.columnsAttribute, at: path) {
                columns = text.split(separator: " ").map(String.init)
            } else {
                columns = []
            }
            let target = directory.appendingPathComponent("\(parts[0]).\(table.replacingOccurrences(of: "/", with: "_")).tsv")
            try TableExport.render(values, header: TableExport.Format.gnuplot.header(columns)).write(to: target, atomically: true, encoding: .utf8)
        }
    }
}
