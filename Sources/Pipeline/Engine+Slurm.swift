import Foundation

extension Engine {
    var slurmRegistryURL: URL { dataDirectory.appendingPathComponent("slurm-jobs.json") }

    /// `repro --executor slurm`: submits each stale stage as a batch job running `toyworld
    /// run-stage` (with `afterok` dependencies on the jobs of its stale inputs) and returns
    /// without waiting. A stage already queued or running is not submitted again; a job that
    /// failed or was cancelled is resubmitted (training resumes from its checkpoint). The jobs
    /// commit cache entries only; the next local `repro` finds them cached and brings
    /// pipeline.lock and figures/ up to date.
    public func submitToSlurm(_ options: ReproOptions, executable: URL, overrides: JobResourceOverrides, slurm: Slurm = Slurm()) throws -> ReproSummary {
        let plan = try self.plan(profile: options.profile)
        let selected = try plan.selection(options.targets, downstream: options.downstream)
        try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
        let held = try acquireReproLock(wait: options.wait)
        defer { held.release() }
        let logs = dataDirectory.appendingPathComponent("logs", isDirectory: true)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var registry = try SlurmJobRegistry(url: slurmRegistryURL)
        let known = slurm.states(selected.compactMap { registry.job(profile: jobScope(options.profile), instance: $0.name)?.id })
        var summary = ReproSummary()
        var records: [String: StageRecord] = [:]
        var inFlight: [String: String] = [:]   // instance -> job id
        var integrity = self.integrity
        defer { integrity.save() }
        for instance in selected {
            if instance.upstream.allSatisfy({ records[$0] != nil }) {
                let key = try cacheKey(of: instance, records: records)
                if case .intact(let record) = try cachedEntry(instance, key: key, dryRun: options.dryRun, integrity: &integrity) {
                    records[instance.name] = record
                    summary.cached.append(instance.name)
                    continue
                }
            }
            if let job = registry.job(profile: jobScope(options.profile), instance: instance.name), let state = known[job.id],
               state == .queued || state == .running {
                inFlight[instance.name] = job.id
                log("\(instance.name): \(state == .queued ? "queued" : "running") as job \(job.id) (not submitted again)")
                continue
            }
            let after = instance.upstream.compactMap { inFlight[$0] }
            let resources = instance.kind.resources.overridden(by: instance.stage.resources).overridden(by: overrides)
            if options.dryRun {
                summary.wouldRun.append(instance.name)
                inFlight[instance.name] = "?"
                log("\(instance.name): would submit (\(resources.sbatchOptions.joined(separator: " ")))" + (after.isEmpty ? "" : " after \(after.count) job(s)"))
                continue
            }
            let log = logs.appendingPathComponent("\(instance.name).slurm-%j.log")
            let id = try slurm.submit(name: "toyworld:\(instance.name)",
                                      command: [executable.path, "run-stage", instance.name, "--profile", options.profile, "--threads", String(resources.cpus)]
                                        + (experiment?.commandLineArguments ?? []),
                                      directory: root, log: log, resources: resources, after: after)
            let logPath = log.path.replacingOccurrences(of: "%j", with: id)
            try registry.record(.init(id: id, log: logPath), profile: jobScope(options.profile), instance: instance.name)
            inFlight[instance.name] = id
            summary.ran.append(instance.name)
            self.log("\(instance.name): submitted as job \(id)" + (after.isEmpty ? "" : " (after \(after.joined(separator: ", ")))") + "; log \(logPath)")
        }
        if summary.ran.isEmpty && inFlight.isEmpty {
            log("nothing to submit: all \(selected.count) stages up to date")
        } else if !options.dryRun {
            log("submitted \(summary.ran.count) job(s); \(inFlight.count - summary.ran.count) already queued or running. Run toyworld status to follow them, then toyworld repro to record them in pipeline.lock and figures/")
        }
        return summary
    }

    /// What the job registry files a run's jobs under: the profile, or the profile and the
    /// experiment, whose instances of the same name are other computations.
    private func jobScope(_ profile: String) -> String {
        experiment.map { "\(profile)+exp:\($0.name)" } ?? profile
    }

    /// For `status`: the SLURM job of each stage instance that has one, with its state.
    public func slurmJobs(profile: String) throws -> [String: (id: String, log: String, state: Slurm.JobState)] {
        let registry = try SlurmJobRegistry(url: slurmRegistryURL)
        let prefix = jobScope(profile) + "/"
        let mine = registry.jobs.filter { $0.key.hasPrefix(prefix) }
        guard !mine.isEmpty else { return [:] }
        let states = Slurm().states(mine.map(\.value.id))
        var result: [String: (id: String, log: String, state: Slurm.JobState)] = [:]
        for (entry, job) in mine { result[String(entry.dropFirst(prefix.count))] = (job.id, job.log, states[job.id] ?? .unknown) }
        return result
    }
}
