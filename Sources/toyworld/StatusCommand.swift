import ArgumentParser
import Pipeline

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each stage and why it is stale (new, parameter changed, input changed, kind version bumped, output missing, upstream stale).")

    @OptionGroup var profile: ProfileOption
    @OptionGroup var experiment: ExperimentOption

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine(try experiment.experiment())
            let statuses = try engine.status(profile: profile.profile)
            let jobs = try engine.slurmJobs(profile: profile.profile)
            let width = statuses.map(\.name.count).max() ?? 0
            for status in statuses {
                let name = status.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let mark = status.changedByExperiment ? "  [changed by --set]" : ""
                func print(_ line: String) { Swift.print(line + mark) }
                if status.isStale, let job = jobs[status.name] {
                    switch job.state {
                    case .queued: print("\(name)  queued as SLURM job \(job.id)")
                    case .running: print("\(name)  running as SLURM job \(job.id); log \(job.log)")
                    case .completed: print("\(name)  stale: SLURM job \(job.id) completed without a cache entry this plan can use; log \(job.log)")
                    case .ended(let why): print("\(name)  failed: SLURM job \(job.id) ended \(why); log \(job.log)")
                    case .unknown: print("\(name)  stale: \(status.reasons.joined(separator: "; ")) (SLURM no longer knows job \(job.id); log \(job.log))")
                    }
                } else if status.isStale {
                    print("\(name)  stale: \(status.reasons.joined(separator: "; "))")
                } else {
                    var notes: [String] = []
                    if status.lockOutdated { notes.append("pipeline.lock not yet updated") }
                    if !status.drifted.isEmpty { notes.append("\(status.drifted.joined(separator: ", ")) differ from the cache") }
                    print("\(name)  up to date" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")); run toyworld repro)"))
                }
            }
            if let experiment = engine.experiment {
                let changed = statuses.filter(\.changedByExperiment).count
                print("experiment \(experiment.name): \(changed) of \(statuses.count) stages differ from profile \(profile.profile)")
            }
            let stale = statuses.filter(\.isStale).count
            print(stale == 0 ? "all \(statuses.count) stages up to date" : "\(stale) of \(statuses.count) stages stale")
        }
    }
}
