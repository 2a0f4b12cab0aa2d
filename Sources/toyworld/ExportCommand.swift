import ArgumentParser
import Foundation
import Pipeline
import Plots

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every table of a stage's cached output as a TSV or CSV file with its column header.",
        discussion: "Files are named <stage>.<table>.<tsv|csv>; NaN marks a missing value. pandas reads them with read_csv(path, sep='\\t') or read_csv(path).")

    @Argument(help: "STAGE[@output], as pipeline.lock records it for the profile, or an .h5 file.")
    var artifact: String

    @Option(help: "tsv or csv.")
    var format = "tsv"

    @Option(name: [.short, .customLong("output")], help: "Directory to write into (created if missing).")
    var output = "."

    @OptionGroup var profile: ProfileOption
    @OptionGroup var experiment: ExperimentOption

    func run() throws {
        try reportingErrors {
            guard let format = TableExport.Format(rawValue: format), format != .gnuplot else {
                throw ValidationError("--format must be tsv or csv, got \(format)")
            }
            let url = try artifactFile(artifact, profile: profile.profile, experiment: try experiment.experiment())
            let directory = URL(fileURLWithPath: output, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let prefix = artifact.hasSuffix(".h5") ? url.deletingPathExtension().lastPathComponent
                : artifact.replacingOccurrences(of: "@", with: ".")
            let tables = try TableExport.export(url, prefix: prefix, to: directory, format: format)
            for table in tables {
                print(directory.appendingPathComponent("\(prefix).\(table.replacingOccurrences(of: "/", with: "_")).\(format.rawValue)").path)
            }
            if tables.isEmpty { print("\(artifact) has no tables") }
        }
    }
}
