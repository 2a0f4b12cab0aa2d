import Artifacts
import Foundation
import Pipeline

/// The `plot` stage kind: exports the tables of its input artifacts and renders one gnuplot
/// script to PNG and PDF. Both are published files of its artifact (`ArtifactFile.publish`),
/// which the pipeline writes to `figures/` (figures/<profile>/ for profiles other than
/// `default`) once the entry is committed, and writes back whenever the working tree's copy
/// differs. The artifact also keeps the exported tables, the script and the style, so a
/// figure change shows up in `toyworld diff` and `diff --figures` can redraw it over another
/// version (`FigureOverlay`).
public enum PlotStage: StageKind {
    public static let name = "plot"
    public static let version = 4
    public static let summary = "render a gnuplot script over the tables of its input artifacts"
    public static let parameters = [
        ParamSpec("script", .file, help: "gnuplot script, relative to the repository root (figures/figNN-name.gp)"),
        ParamSpec("style", .file, default: .string("figures/style.gp"),
                  help: "the look every script loads (fonts, line widths, one colour per run, the overlay of `diff --figures`)"),
        ParamSpec("figure", .string, help: "base name of the rendered files under figures/ (a plain name: no / or ..)"),
        .activeProfile("profile", help: "the active profile: shown in the figure; other than `default`, figures go to figures/<profile>/"),
    ]
    public static let inputs = [
        InputSpec("data", multiple: true,
                  help: "artifacts whose tables/ are exported as <data><i>.<table>.tsv for the script"),
    ]
    public static let outputs = ["figure"]
    public static let rules = [ParamRule.plainFileName("figure", writtenInside: "figures/")]

    public static func run(_ context: StageContext) throws {
        let script = context.rootDirectory.appendingPathComponent(context.params.string("script"))
        let profile = context.params.string("profile")
        let figure = context.params.string("figure")
        let style = context.rootDirectory.appendingPathComponent(context.params.string("style"))
        let datadir = context.workDirectory.appendingPathComponent("tables")
        try? FileManager.default.removeItem(at: datadir)
        try FileManager.default.createDirectory(at: datadir, withIntermediateDirectories: true)

        let artifacts = context.inputs["data"] ?? []
        for (i, artifact) in artifacts.enumerated() {
            try TableExport.export(artifact, prefix: "data\(i)", to: datadir)
        }

        let folder = profile == "default" ? "figures" : "figures/\(profile)"
        let out = try ArtifactFile.create(context.output("figure"))
        defer { out.close() }
        for format in Gnuplot.Format.allCases {
            let rendered = context.workDirectory.appendingPathComponent("\(figure).\(format.rawValue)")
            try Gnuplot.render(script: script, datadir: datadir, profile: profile, format: format, output: rendered, style: style)
            let fields = FigureMetadata.fields(figure: figure, stage: context.stageName, profile: profile, key: context.cacheKey)
            let bytes = [UInt8](try Data(contentsOf: rendered))
            let stamped = format == .png ? try FigureMetadata.stamp(png: bytes, fields: fields) : try FigureMetadata.stamp(pdf: bytes, fields: fields)
            try out.publish(stamped, as: format.rawValue, at: "\(folder)/\(figure).\(format.rawValue)")
        }
        try out.setAttribute("script", .string(try String(contentsOf: script, encoding: .utf8)))
        try out.setAttribute("style", .string(try String(contentsOf: style, encoding: .utf8)))
        try out.setAttribute("figure", .string("\(figure).png"))
        for (i, artifact) in artifacts.enumerated() {
            let source = try ArtifactFile.open(artifact)
            defer { source.close() }
            for name in try source.tableNames() {
                let table = try source.readTable(name)
                let path = FigureOverlay.inputTablePath(input: i, table: name)
                try out.write(path, table.values, shape: table.shape)
                try out.setAttribute(FigureTable.columnsAttribute, .string(try source.tableColumns(name).joined(separator: " ")), at: path)
            }
        }
    }
}
