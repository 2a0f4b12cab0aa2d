import Artifacts
import Foundation

public struct ReproOptions {
    public var targets: [String] = []
    public var force = false
    public var downstream = false
    public var profile = "default"
    public var dryRun = false
    /// Wait for a concurrent repro to finish instead of failing with a `.busy` error.
    public var wait = true
    /// Stages run at once, each in its own process (`-j`); 1 runs them in this process.
    public var jobs = 1
    /// With jobs > 1: after a failure, still run every stage that does not depend on it.
    public var keepGoing = false
    public init() {}
}

public struct ReproSummary {
    public var ran: [String] = []
    public var cached: [String] = []
    public var wouldRun: [String] = []
    public var failed: [String] = []
    /// Not run because a stage they depend on failed.
    public var skipped: [String] = []
    public var seconds: Double = 0
}

/// Up to date, or stale with reasons, for `toyworld status`.
public struct StageStatus {
    public let name: String
    public let kind: String
    /// Empty when the stage is up to date.
    public let reasons: [String]
    /// Up to date in the cache, but pipeline.lock records another run.
    public let lockOutdated: Bool
    /// Files the entry publishes (figures) whose working-tree copy differs from the entry.
    public let drifted: [String]
    /// Under an experiment: its `--set` values change this stage's artifacts.
    public var changedByExperiment = false
    public var isStale: Bool { !reasons.isEmpty }
}

/// Runs a pipeline in a repository: pipeline.yaml and pipeline.lock at the root, the cache in
/// data/cache, resumable work in data/work, figures in figures/.
public final class Engine {
    public let root: URL
    public let registry: StageRegistry
    public let sealer: ArtifactSealer
    public let toolVersion: String
    /// The matrix-product library and kernel this process runs, recorded in every artifact's
    /// provenance (the CLI asks OpenBLAS; the pipeline itself multiplies nothing).
    public var productLibrary: String?
    /// Receives each line of the report (stdout in the CLI).
    public var log: (String) -> Void
    /// Receives the progress of running stages; nil shows none.
    public var progress: ProgressSink?
    /// Worker threads each stage may use (`--threads`, else TOYWORLD_THREADS, else the cores).
    /// Results do not depend on it.
    public var threads = Engine.defaultThreads
    /// The toyworld executable whose `run-stage` runs one stage in its own process, for
    /// `repro -j N`; nil runs every stage in this process.
    public var stageExecutable: URL?
    /// Under `repro -j N`, give each stage `threadsForStage` threads (the cores shared among
    /// the stages running or ready when it starts) instead of `threads`.
    public var adaptsThreads = false
    /// Under `repro -j N`, redraw one status line per running stage on stderr (a terminal).
    public var drawsStatusBoard = false
    /// `--set` overrides on top of the profile: plans, runs and records that experiment
    /// (figures/exp/<name>/, data/experiments/<name>.json) instead of the profile.
    public var experiment: Experiment?

    public static var defaultThreads: Int {
        Int(ProcessInfo.processInfo.environment["TOYWORLD_THREADS"] ?? "").flatMap { $0 >= 1 ? $0 : nil }
            ?? ProcessInfo.processInfo.activeProcessorCount
    }

    public init(root: URL, registry: StageRegistry, sealer: ArtifactSealer, toolVersion: String,
                progress: ProgressSink? = standardErrorProgress(), log: @escaping (String) -> Void = { print($0) }) {
        self.root = root
        self.registry = registry
        self.sealer = sealer
        self.toolVersion = toolVersion
        self.progress = progress
        self.log = log
    }

    public var pipelineURL: URL { root.appendingPathComponent("pipeline.yaml") }
    public var lockURL: URL { root.appendingPathComponent("pipeline.lock") }
    public var dataDirectory: URL { root.appendingPathComponent("data", isDirectory: true) }
    public var cache: Cache { Cache(directory: dataDirectory.appendingPathComponent("cache", isDirectory: true)) }
    var workRoot: URL { dataDirectory.appendingPathComponent("work", isDirectory: true) }
    /// The cache's integrity checks, with the local index of files found intact.
    public var integrity: CacheIntegrity {
        CacheIntegrity(cache: cache, indexURL: dataDirectory.appendingPathComponent("cache-index.json"))
    }
    var timingsURL: URL { dataDirectory.appendingPathComponent("timings.json") }

    public func plan(profile: String) throws -> Plan {
        try plan(profile: profile, experiment: experiment)
    }

    public func plan(profile: String, experiment: Experiment?) throws -> Plan {
        let spec = try PipelineLoader.load(pipelineURL, registry: registry)
        guard let experiment else { return try Plan(spec, profile: profile) }
        _ = try Plan.overrides(spec, profile: profile)
        var loader = PipelineLoader(registry: registry, file: "--set")
        loader.root = root
        return try Plan(spec, profile: profile, commandLine: loader.commandLineOverrides(experiment.assignments, spec: spec, profile: profile))
    }

    // MARK: repro

    @discardableResult
    public func repro(_ options: ReproOptions) throws -> ReproSummary {
        var started = Date()
        let plan = try self.plan(profile: options.profile)
        let selected = try plan.selection(options.targets, downstream: options.downstream)
        let forced: Set<String> = options.force ? Set(selected.filter { instance in
            options.targets.isEmpty || options.targets.contains {
                $0 == instance.name || $0 == instance.stage.name || StageGlob.isPattern($0) && StageGlob.matches($0, instance.stage.name)
            }
        }.map(\.name)) : []
        let lock = try PipelineLock.read(lockURL)
        let locked = lock.profiles[options.profile] ?? [:]

        var reproLock: ReproLock?
        if !options.dryRun {
            try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
            reproLock = try acquireReproLock(wait: options.wait)
            started = Date()   // the report's time is this run's, not the wait for another's
            cache.removeStalePartials()
            removeDiscardedWork()
        }
        defer { reproLock?.release() }

        if let experiment, !selected.contains(where: \.changedByCommandLine) {
            log("warning: experiment \(experiment.name): its --set values are those profile \(options.profile) already has for these stages; nothing differs from the profile")
        }
        let state = ReproState(timings: StageTimings(url: timingsURL), integrity: integrity)
        defer { state.integrity.save() }
        do {
            if options.jobs > 1, !options.dryRun, let stageExecutable {
                try runInParallel(selected, forced: forced, options: options, executable: stageExecutable, state: state)
            } else {
                try runInOrder(selected, forced: forced, options: options, locked: locked, state: state)
            }
        } catch {
            try? record(lock, profile: options.profile, plan: plan, selected: selected, records: state.records)
            throw error
        }
        var summary = state.summary
        if !options.dryRun { try record(lock, profile: options.profile, plan: plan, selected: selected, records: state.records) }
        summary.seconds = Date().timeIntervalSince(started)
        if !summary.failed.isEmpty {
            log("ran \(summary.ran.count) of \(selected.count) stages in \(String(format: "%.1f", summary.seconds)) s; failed: \(summary.failed.joined(separator: ", "))"
                + (summary.skipped.isEmpty ? "" : "; not run, downstream of a failure: \(summary.skipped.joined(separator: ", "))"))
            throw PipelineError("\(summary.failed.count) stage\(summary.failed.count == 1 ? "" : "s") failed: \(summary.failed.joined(separator: ", ")) (their logs are in data/logs/)", category: .execution)
        }
        if summary.ran.isEmpty, summary.wouldRun.isEmpty {
            log("nothing to do: all \(selected.count) stages up to date (\(String(format: "%.2f", summary.seconds)) s)")
        } else if !options.dryRun {
            log("ran \(summary.ran.count) of \(selected.count) stages in \(String(format: "%.1f", summary.seconds)) s")
        }
        return summary
    }

    /// Runs the stale stages one after another in this process (and the dry run).
    private func runInOrder(_ selected: [StageInstance], forced: Set<String>, options: ReproOptions,
                            locked: [String: StageRecord], state: ReproState) throws {
        var pending = Set<String>()  // dry-run: instances that would run, so their digests are unknown
        for (index, instance) in selected.enumerated() {
            let blocked = instance.upstream.filter(pending.contains)
            let inputDigests = blocked.isEmpty ? try digests(of: instance, records: state.records) : nil
            let key = inputDigests.map { CacheKey.of(kind: instance.kind, params: instance.params, inputDigests: $0) }
            var corruption: String?
            if let key, !forced.contains(instance.name) {
                switch try cachedEntry(instance, key: key, dryRun: options.dryRun, integrity: &state.integrity) {
                case .intact(let record):
                    state.records[instance.name] = record
                    state.summary.cached.append(instance.name)
                    continue
                case .corrupt(let problem): corruption = problem
                case .absent: break
                }
            }
            if options.dryRun {
                let reasons = forced.contains(instance.name) ? ["forced"]
                    : corruption.map { ["cached output corrupt: \($0)"] }
                    ?? StalenessReasons.explain(instance, key: key, inputDigests: inputDigests,
                                                locked: locked[instance.name], staleUpstream: blocked)
                pending.insert(instance.name)
                state.summary.wouldRun.append(instance.name)
                log("\(instance.name): would run (\(reasons.joined(separator: "; ")))")
                continue
            }
            let position = self.position(of: selected[index...], ran: state.summary.ran.count, records: state.records, forced: forced,
                                         timings: state.timings, profile: options.profile)
            let stageStart = Date()
            let record = try run(instance, position: position, key: key!, inputDigests: inputDigests!,
                                 records: state.records, git: gitDescription(state), integrity: &state.integrity)
            try finished(instance, record: record, seconds: Date().timeIntervalSince(stageStart), profile: options.profile, state: state)
        }
    }

    /// Records a stage that just ran: its record, published files, timing and report line.
    func finished(_ instance: StageInstance, record: StageRecord, seconds: Double, profile: String, state: ReproState) throws {
        state.records[instance.name] = record
        try restorePublished(instance, record: record)
        state.summary.ran.append(instance.name)
        // A timing is only an estimate: failing to record one must not fail the stage it measured.
        // An instance an experiment's --set changed is not the profile's stage of that name: its
        // time would mislead the profile's forecasts and scheduling.
        if !instance.changedByCommandLine { try? state.timings.record(seconds, profile: profile, stage: instance.name) }
        log("\(instance.name): ran in \(Self.formatSeconds(seconds))")
    }

    /// The checkout's commit for provenance, described once per repro (with a warning outside git).
    func gitDescription(_ state: ReproState) -> (commit: String, dirty: Bool)? {
        if let git = state.git { return git }
        let git = Git.describe(at: root)
        if git == nil { log("warning: \(root.path) is not a git checkout: provenance records the commit and its dirty state as unknown") }
        state.git = .some(git)
        return git
    }

    /// Takes `data/repro.lock`, saying so while another repro holds it.
    func acquireReproLock(wait: Bool) throws -> ReproLock {
        let held = ReproLock(url: dataDirectory.appendingPathComponent("repro.lock"))
        try held.acquire(wait: wait) { pid in
            FileHandle.standardError.write(Data("waiting for another toyworld repro\(pid.map { " (pid \($0))" } ?? "") to finish...\n".utf8))
        }
        return held
    }

    enum CachedEntry { case intact(StageRecord), corrupt(String), absent }

    /// Whether `key`'s entry is in the cache and intact; an intact one is logged as cached and
    /// its published files restored, a corrupt one discarded (outside a dry run).
    func cachedEntry(_ instance: StageInstance, key: String, dryRun: Bool, integrity: inout CacheIntegrity) throws -> CachedEntry {
        guard let record = cache.completedRecord(key: key, outputs: instance.kind.outputs) else { return .absent }
        if let corruption = integrity.problem(key: key, outputs: instance.kind.outputs, deep: false) {
            log("warning: \(instance.name): its cache entry is corrupt (\(corruption)); \(dryRun ? "it would be rebuilt" : "rebuilding it")")
            if !dryRun { cache.discard(key) }
            return .corrupt(corruption)
        }
        let restored = dryRun ? try driftedPublished(instance, record: record).map(\.path) : try restorePublished(instance, record: record)
        log("\(instance.name): cached" + (restored.isEmpty ? ""
            : "; \(dryRun ? "would restore" : "restored") \(restored.joined(separator: ", ")) from the cache"))
        return .intact(record)
    }

    /// The cache key of an instance whose inputs all have records.
    func cacheKey(of instance: StageInstance, records: [String: StageRecord]) throws -> String {
        CacheKey.of(kind: instance.kind, params: instance.params, inputDigests: try digests(of: instance, records: records))
    }

    /// Input name -> digests of the artifacts it refers to, from this run's records.
    /// The digests that enter an instance's key: its input artifacts by name, and the content
    /// of each repository-file parameter as `file:<param>`.
    func digests(of instance: StageInstance, records: [String: StageRecord]) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for input in instance.inputs {
            result[input.name] = input.artifacts.map { records[$0.instance]!.outputs[$0.output]! }
        }
        for spec in instance.kind.parameters where spec.type == .file {
            let path = instance.params.string(spec.name)
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
                throw PipelineError("stage \(instance.name): parameter \(spec.name) names \(path), which does not exist", file: "pipeline.yaml")
            }
            result["file:" + spec.name] = [SHA256.hex([UInt8](data))]
        }
        return result
    }

    func run(_ instance: StageInstance, position: StagePosition, key: String, inputDigests: [String: [String]],
                     records: [String: StageRecord], git: (commit: String, dirty: Bool)?,
                     integrity: inout CacheIntegrity) throws -> StageRecord {
        let files = FileManager.default
        let partial = cache.partialDirectory(key)
        let work = workRoot.appendingPathComponent(key, isDirectory: true)
        do {
            try files.createDirectory(at: partial, withIntermediateDirectories: true)
            try files.createDirectory(at: work, withIntermediateDirectories: true)
            var inputs: [String: [URL]] = [:]
            for input in instance.inputs {
                inputs[input.name] = try input.artifacts.map { artifact in
                    let producer = records[artifact.instance]!.key
                    if let problem = integrity.problem(key: producer, outputs: [artifact.output], deep: true) {
                        throw PipelineError("stage \(instance.name): input \(artifact) is corrupt: \(problem); run toyworld repro, which rebuilds corrupt entries (toyworld verify lists them all)", category: .execution)
                    }
                    return cache.outputURL(key: producer, output: artifact.output)
                }
            }
            var outputPaths: [String: URL] = [:]
            for output in instance.kind.outputs { outputPaths[output] = partial.appendingPathComponent(Cache.outputFileName(output)) }
            self.progress?.receive(.stageStarted(position))
            let progress = ProgressReporter(position: position, sink: self.progress)
            let context = StageContext(stageName: instance.name, params: instance.params, inputs: inputs,
                                       outputPaths: outputPaths, workDirectory: work,
                                       rootDirectory: root, progress: progress, threads: threads, cacheKey: key)
            let started = Date()
            let heartbeat = Heartbeat(every: 1, progress.heartbeat)
            do { try instance.kind.run(context) } catch {
                heartbeat.stop()
                progress.fail()
                throw PipelineError("stage \(instance.name) failed: \(error)", category: .execution)
            }
            heartbeat.stop()
            progress.finish()
            let finished = Date()
            var provenanceInputs: [String: String] = [:]
            for (name, digests) in inputDigests {
                if digests.count == 1 { provenanceInputs[name] = digests[0]; continue }
                for (i, digest) in digests.enumerated() { provenanceInputs["\(name)[\(i)]"] = digest }
            }
            let provenance = Provenance(
                stage: instance.name, kind: instance.kind.name, kindVersion: instance.kind.version, cacheKey: key,
                parametersJSON: instance.params.canonicalJSON, inputDigests: provenanceInputs,
                gitCommit: git?.commit ?? "unknown", gitDirty: git?.dirty, toolVersion: toolVersion,
                experiment: instance.changedByCommandLine ? experiment?.provenanceJSON : nil, productLibrary: productLibrary, startedAt: started, finishedAt: finished, wallSeconds: finished.timeIntervalSince(started))
            var outputs: [String: String] = [:]
            for (output, url) in outputPaths {
                guard files.fileExists(atPath: url.path) else {
                    throw PipelineError("stage \(instance.name) (kind \(instance.kind.name)) returned without writing its output \(output)", category: .execution)
                }
                do { outputs[output] = try sealer.seal(url, provenance: provenance) } catch {
                    throw PipelineError("stage \(instance.name): cannot seal output \(output): \(error)", category: .execution)
                }
            }
            let record = StageRecord(kind: instance.kind.name, version: instance.kind.version, key: key,
                                     params: instance.params.values.mapValues(\.json), inputs: inputDigests, outputs: outputs)
            integrity.remember(key: key, files: try cache.commit(partial: partial, record: record, stage: instance.name))
            discardWork(work)
            return record
        } catch {
            // The work directory stays: it holds the checkpoints a rerun resumes from.
            try? files.removeItem(at: partial)
            if error is PipelineError { throw error }
            throw PipelineError("stage \(instance.name): \(error.localizedDescription)", category: .execution)
        }
    }

    /// Deletes a finished stage's work folder. It is renamed aside first, so a kill midway
    /// leaves `<key>.discarded` (removed by the next repro), never a half-deleted folder under
    /// the key that a rerun would try to resume from.
    private func discardWork(_ work: URL) {
        let aside = work.deletingLastPathComponent().appendingPathComponent(work.lastPathComponent + ".discarded")
        try? FileManager.default.removeItem(at: aside)
        guard rename(work.path, aside.path) == 0 else { return }
        try? FileManager.default.removeItem(at: aside)
    }

    private func removeDiscardedWork() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: workRoot.path) else { return }
        for name in names where name.hasSuffix(".discarded") {
            try? FileManager.default.removeItem(at: workRoot.appendingPathComponent(name))
        }
    }

    /// Records this run: in pipeline.lock, or for an experiment in its own record.
    private func record(_ lock: PipelineLock, profile: String, plan: Plan, selected: [StageInstance],
                        records: [String: StageRecord]) throws {
        guard let experiment else { return try updateLock(lock, profile: profile, plan: plan, records: records) }
        try recordExperiment(experiment, profile: profile, selected: selected, records: records)
    }

    /// Records this run's stages under the profile, keeps earlier entries of stages still in
    /// the plan that did not take part, and drops stages no longer in pipeline.yaml.
    private func updateLock(_ lock: PipelineLock, profile: String, plan: Plan, records: [String: StageRecord]) throws {
        var updated = lock
        var entries = (lock.profiles[profile] ?? [:]).filter { plan[$0.key] != nil }
        for (name, record) in records { entries[name] = record }
        updated.profiles[profile] = entries
        try updated.write(to: lockURL)
    }

    // MARK: status

    /// Each instance in topological order, up to date or stale with reasons. Reads manifests
    /// only; runs nothing and takes no lock.
    public func status(profile: String) throws -> [StageStatus] {
        let plan = try self.plan(profile: profile)
        let locked = try PipelineLock.read(lockURL).profiles[profile] ?? [:]
        var records: [String: StageRecord] = [:]
        var stale = Set<String>()
        var integrity = self.integrity
        defer { integrity.save() }
        func status(of instance: StageInstance) throws -> StageStatus {
            let blocked = instance.upstream.filter(stale.contains)
            let inputDigests = blocked.isEmpty ? try digests(of: instance, records: records) : nil
            let key = inputDigests.map { CacheKey.of(kind: instance.kind, params: instance.params, inputDigests: $0) }
            var corruption: String?
            if let key, let record = cache.completedRecord(key: key, outputs: instance.kind.outputs) {
                corruption = integrity.problem(key: key, outputs: instance.kind.outputs, deep: false)
                if corruption == nil {
                    records[instance.name] = record
                    return StageStatus(name: instance.name, kind: instance.kind.name, reasons: [],
                                       lockOutdated: experiment == nil && locked[instance.name] != record,
                                       drifted: try driftedPublished(instance, record: record).map(\.path))
                }
            }
            stale.insert(instance.name)
            let reasons = corruption.map { ["cached output corrupt: \($0)"] }
                ?? StalenessReasons.explain(instance, key: key, inputDigests: inputDigests,
                                            locked: locked[instance.name], staleUpstream: blocked)
            return StageStatus(name: instance.name, kind: instance.kind.name, reasons: reasons, lockOutdated: false, drifted: [])
        }

        return try plan.instances.map { instance in
            var entry = try status(of: instance)
            entry.changedByExperiment = experiment != nil && instance.changedByCommandLine
            return entry
        }
    }

    /// The cached file of `STAGE` or `STAGE@output` as pipeline.lock records it for the profile.
    public func artifactURL(_ reference: String, profile: String) throws -> URL {
        let parts = reference.split(separator: "@", maxSplits: 1).map(String.init)
        let plan = try self.plan(profile: profile)
        guard let instance = plan[parts[0]] else {
            guard plan.spec.stage(Plan.stageName(of: parts[0])) != nil else {
                throw PipelineError("\(reference) is neither an .h5 file nor a stage of pipeline.yaml (toyworld dag lists the stages)", category: .execution)
            }
            throw plan.missing(parts[0])
        }
        let outputs = instance.kind.outputs
        let output: String
        if parts.count == 2 {
            guard outputs.contains(parts[1]) else {
                throw PipelineError("stage \(instance.name) has no output \(parts[1]) (outputs: \(outputs.joined(separator: ", ")))")
            }
            output = parts[1]
        } else {
            guard outputs.count == 1 else {
                throw PipelineError("stage \(instance.name) has outputs \(outputs.joined(separator: ", ")); name one as \(instance.name)@<output>")
            }
            output = outputs[0]
        }
        let key: String
        if let experiment {
            guard let recorded = try ExperimentRecord.read(experiment.name, in: dataDirectory), recorded.profile == profile,
                  let found = recorded.keys[instance.name] else {
                throw PipelineError("experiment \(experiment.name) (profile \(profile)) has no record of stage \(instance.name); run toyworld repro \(instance.stage.name) with the same --set first", category: .execution)
            }
            key = found
        } else {
            guard let record = try PipelineLock.read(lockURL).profiles[profile]?[instance.name] else {
                throw PipelineError("stage \(instance.name) has no entry in pipeline.lock for profile \(profile); run toyworld repro \(instance.stage.name) first", category: .execution)
            }
            key = record.key
        }
        let url = cache.outputURL(key: key, output: output)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw PipelineError("the cached output \(url.path) of stage \(instance.name) is missing; run toyworld repro \(instance.stage.name)", category: .execution)
        }
        return url
    }

    /// Seconds with enough digits to be read: `12.3 s`, `0.042 s`.
    static func formatSeconds(_ seconds: Double) -> String {
        String(format: seconds >= 1 ? "%.1f s" : "%.3f s", seconds)
    }
}
