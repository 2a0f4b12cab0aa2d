import Foundation
import Pipeline
import Artifacts

/// HDF5 glue of the coopetition world, after the figure-tables convention: each plotted
/// table is a 2-D float64 dataset `tables/<name>` with a `columns` attribute; verdicts are
/// root attributes.
enum RunArtifact {
    static func write(_ run: CoopetitionRun, to url: URL) throws {
        let file = try ArtifactFile.create(url)
        defer { file.close() }
        try file.writeTable("loss", columns: CoopetitionRun.columns, values: run.table)
        try file.writeTable("summary", columns: CoopetitionRun.summaryColumns, values: run.summaryRow)
        let a = run.analysis
        let attributes: [(String, AttributeValue)] = [
            ("seed", .int(Int64(run.seed))), ("transient", .int(a.transient ? 1 : 0)),
            ("min_iteration", .int(Int64(a.minIteration))), ("min_mech1", .double(a.minMech1)),
            ("divot", .double(a.divot)), ("divot_iteration", .int(Int64(a.divotIteration))),
            ("mech1_at_zero", .double(run.mech1AtZero)),
        ]
        for (name, value) in attributes { try file.setAttribute(name, value) }
    }

    static func write(_ run: PhaseChangeRun, to url: URL) throws {
        let file = try ArtifactFile.create(url)
        defer { file.close() }
        try file.writeTable("loss", columns: PhaseChangeRun.columns, values: run.table)
        let lastLoss = run.rows > 0 ? run.table[(run.rows - 1) * PhaseChangeRun.columns.count + 1] : .nan
        try file.setAttribute("clamp", .string(run.clamp.rawValue))
        try file.setAttribute("seed", .int(Int64(run.seed)))
        try file.setAttribute("final_loss", .double(lastLoss))
        try file.setAttribute("iterations_to_tenth", .int(Int64(run.iterationToTenthOfInitialLoss ?? -1)))
    }

    /// The summary entry of a `coop.simulate` artifact, from its root attributes.
    static func summaryEntry(_ url: URL) throws -> CoopSummary.Entry {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        func int(_ name: String) throws -> Int {
            guard case .int(let v)? = try file.attribute(name) else { throw missing(url, name, "an integer") }
            return Int(v)
        }
        func double(_ name: String) throws -> Double {
            guard case .double(let v)? = try file.attribute(name) else { throw missing(url, name, "a number") }
            return v
        }
        return CoopSummary.Entry(seed: try int("seed"), transient: try int("transient") != 0,
                                 minIteration: try int("min_iteration"), minMech1: try double("min_mech1"),
                                 divot: try double("divot"), divotIteration: try int("divot_iteration"))
    }

    private static func missing(_ url: URL, _ name: String, _ what: String) -> CoopSummaryError {
        CoopSummaryError(file: url.path, attribute: name, expected: what)
    }
}

/// A coop.simulate artifact lacks a verdict attribute (an artifact of another kind, or of an
/// older version).
public struct CoopSummaryError: Error, CustomStringConvertible {
    public let file: String
    public let attribute: String
    public let expected: String
    public var description: String { "\(file): root attribute \(attribute) is missing or not \(expected)" }
}

extension CoopSummary {
    /// `toyworld summary coop`: the lines for the given coop.simulate artifacts.
    public static func report(artifacts: [URL]) throws -> SummaryReport {
        report(try artifacts.map(RunArtifact.summaryEntry))
    }
}
