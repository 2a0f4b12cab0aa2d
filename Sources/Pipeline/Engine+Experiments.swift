import Foundation

extension ExperimentRecord {
    static func folder(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("experiments", isDirectory: true)
    }

    static func url(_ name: String, in dataDirectory: URL) -> URL {
        folder(in: dataDirectory).appendingPathComponent(name + ".json")
    }

    /// The record of experiment `name`; nil when it has never run.
    public static func read(_ name: String, in dataDirectory: URL) throws -> ExperimentRecord? {
        let url = url(name, in: dataDirectory)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do { return try JSONDecoder().decode(ExperimentRecord.self, from: data) } catch {
            throw PipelineError("\(url.path) is not an experiment record: \(error)", category: .execution)
        }
    }

    /// Every recorded experiment, by name; an unreadable record is an error that names it.
    public static func all(in dataDirectory: URL) throws -> [ExperimentRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder(in: dataDirectory).path)) ?? []
        return try names.filter { $0.hasSuffix(".json") }.sorted()
            .compactMap { try read(String($0.dropLast(".json".count)), in: dataDirectory) }
    }
}

extension Engine {
    /// Writes `data/experiments/<name>.json` after a `repro --set`: the keys of what this run
    /// brought up to date (merged over those of earlier runs of the same experiment, which may
    /// have covered other targets) and the instances whose artifacts differ from the profile's.
    func recordExperiment(_ experiment: Experiment, profile: String, selected: [StageInstance], records: [String: StageRecord]) throws {
        var record = try ExperimentRecord.read(experiment.name, in: dataDirectory)
        if let earlier = record, earlier.profile != profile || earlier.assignments != experiment.assignments {
            record = nil   // the name now stands for other settings: start afresh
        }
        var keys = record?.keys ?? [:]
        for (name, stageRecord) in records { keys[name] = stageRecord.key }
        let changed = Set(record?.changed ?? []).union(selected.filter(\.changedByCommandLine).map(\.name).filter { records[$0] != nil })
        let formatter = ISO8601DateFormatter()
        let updated = ExperimentRecord(name: experiment.name, profile: profile, assignments: experiment.assignments,
                                       updated: formatter.string(from: Date()), commit: Git.describe(at: root)?.commit ?? "unknown",
                                       keys: keys, changed: changed.sorted())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(at: ExperimentRecord.folder(in: dataDirectory), withIntermediateDirectories: true)
        try writeAtomically(try encoder.encode(updated) + Data("\n".utf8), to: ExperimentRecord.url(experiment.name, in: dataDirectory))
        if !changed.isEmpty { log("experiment \(experiment.name): recorded in data/experiments/\(experiment.name).json; its figures are in \(experiment.figuresFolder)/") }
    }

    /// `toyworld exp remove`: forgets an experiment (its record and figures); `gc` then frees
    /// the cache entries only it used.
    public func removeExperiment(_ name: String) throws {
        guard try ExperimentRecord.read(name, in: dataDirectory) != nil else {
            let known = try ExperimentRecord.all(in: dataDirectory).map(\.name)
            throw PipelineError("no experiment named \(name) (experiments: \(known.isEmpty ? "none" : known.joined(separator: ", ")))", category: .execution)
        }
        let figures = root.appendingPathComponent(Experiment.figuresFolder(name), isDirectory: true)
        if FileManager.default.fileExists(atPath: figures.path) { try FileManager.default.removeItem(at: figures) }
        try FileManager.default.removeItem(at: ExperimentRecord.url(name, in: dataDirectory))
    }
}
