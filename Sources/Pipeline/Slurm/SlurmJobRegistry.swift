import Foundation

/// The jobs `repro --executor slurm` submitted, by profile and stage instance
/// (`data/slurm-jobs.json`), so that a second submission skips what is queued or running and
/// `status` can ask SLURM about each.
struct SlurmJobRegistry {
    struct Job: Equatable {
        var id: String
        var log: String
    }

    let url: URL
    private(set) var jobs: [String: Job] = [:]

    init(url: URL) throws {
        self.url = url
        guard let data = FileManager.default.contents(atPath: url.path) else { return }
        guard case .object(let fields) = try JSONValue.parse(data, file: url.path) else {
            throw PipelineError("\(url.path): expected an object of jobs", category: .execution)
        }
        for (name, value) in fields {
            guard let id = value["job"]?.stringValue, let log = value["log"]?.stringValue else {
                throw PipelineError("\(url.path): job \(name) lacks its job id or log", category: .execution)
            }
            jobs[name] = Job(id: id, log: log)
        }
    }

    static func entry(profile: String, instance: String) -> String { profile + "/" + instance }

    func job(profile: String, instance: String) -> Job? { jobs[Self.entry(profile: profile, instance: instance)] }

    mutating func record(_ job: Job, profile: String, instance: String) throws {
        jobs[Self.entry(profile: profile, instance: instance)] = job
        let json = JSONValue.object(jobs.mapValues { .object(["job": .string($0.id), "log": .string($0.log)]) })
        try writeAtomically(Data(json.pretty.utf8), to: url)
    }
}
