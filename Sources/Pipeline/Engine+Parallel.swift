import Foundation

extension Engine {
    /// The thread budget of each stage under `repro -j jobs`: the cores shared out evenly,
    /// at least one each, so that the stages running at once never use more threads than the
    /// machine has cores (when jobs <= cores).
    public static func threadsPerJob(jobs: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        max(1, cores / max(1, jobs))
    }

    /// The threads of a stage started while `runnable` stages (itself included) are running or
    /// ready: the cores shared among at most `jobs` of them, so that a stage that runs alone
    /// (the end of a chain) gets every core and stages that run side by side one each.
    public static func threadsForStage(runnable: Int, jobs: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        threadsPerJob(jobs: min(max(1, runnable), jobs), cores: cores)
    }

    /// `repro -j N`: runs up to `options.jobs` ready stages at once, longest remaining chain
    /// first, each as `toyworld run-stage` in its own process with `threads` worker threads, its output in
    /// `data/logs/<stage>.log`. When a stage fails, the running ones finish (and are cached),
    /// nothing downstream of it starts, and — unless `keepGoing` — no other stage starts.
    func runInParallel(_ selected: [StageInstance], forced: Set<String>, options: ReproOptions, executable: URL, state: ReproState) throws {
        let logs = dataDirectory.appendingPathComponent("logs", isDirectory: true)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let finishedOne = DispatchSemaphore(value: 0)
        let board = drawsStatusBoard ? ParallelStatusBoard(write: writeToStandardError, say: { [log = self.log] in log($0); fflush(stdout) }) : nil
        let reportLog = log
        if let board { log = board.message }
        let heartbeat = board.map { Heartbeat(every: 1, $0.refresh) }
        defer {
            heartbeat?.stop()
            board?.close()
            log = reportLog
        }
        // Ready stages start longest chain first (`CriticalPath`).
        var waiting = CriticalPath(selected, timings: state.timings, profile: options.profile).ordered(selected) { $0.name }
        var running: [RunningStage] = []
        var stopped = Set<String>()   // failed, or downstream of a failure
        var started = 0

        while !waiting.isEmpty || !running.isEmpty {
            var progressed = true
            while progressed {
                progressed = false
                for instance in waiting {
                    if instance.upstream.contains(where: stopped.contains) {
                        stopped.insert(instance.name)
                        state.summary.skipped.append(instance.name)
                        log("\(instance.name): not run: it depends on a stage that failed")
                    } else if instance.upstream.allSatisfy({ state.records[$0] != nil }) {
                        let key = try cacheKey(of: instance, records: state.records)
                        // Instances with equal keys (the same stage under two names) share one cache
                        // entry: the later one waits for the running one's commit and is then cached.
                        if running.contains(where: { $0.key == key }) { continue }
                        if !forced.contains(instance.name),
                           case .intact(let record) = try cachedEntry(instance, key: key, dryRun: false, integrity: &state.integrity) {
                            state.records[instance.name] = record
                            state.summary.cached.append(instance.name)
                        } else if running.count < options.jobs && (options.keepGoing || state.summary.failed.isEmpty) {
                            started += 1
                            let ready = waiting.filter { other in
                                other.name != instance.name && other.upstream.allSatisfy { state.records[$0] != nil }
                                    && !other.upstream.contains(where: stopped.contains)
                            }.count
                            let threads = adaptsThreads ? Self.threadsForStage(runnable: running.count + 1 + ready, jobs: options.jobs)
                                : self.threads
                            running.append(try launch(instance, key: key, threads: threads, executable: executable, profile: options.profile,
                                                      force: forced.contains(instance.name), logs: logs, number: started,
                                                      progressInterval: board == nil ? nil : 2, notify: finishedOne))
                            board?.add(instance.name, log: running.last!.log)
                        } else {
                            continue
                        }
                    } else {
                        continue
                    }
                    waiting.removeAll { $0.name == instance.name }
                    progressed = true
                }
            }
            if running.isEmpty {
                // Nothing runs and nothing could start: what waits is blocked by a failure.
                for instance in waiting where !stopped.contains(instance.name) {
                    state.summary.skipped.append(instance.name)
                    log("\(instance.name): not run: a stage failed and --keep-going was not given")
                }
                break
            }
            finishedOne.wait()
            for stage in running where !stage.process.isRunning {
                running.removeAll { $0 === stage }
                board?.remove(stage.instance.name)
                let seconds = Date().timeIntervalSince(stage.started)
                let status = stage.process.terminationStatus
                if status == 0, let record = cache.completedRecord(key: stage.key, outputs: stage.instance.kind.outputs) {
                    try finished(stage.instance, record: record, seconds: seconds, profile: options.profile, state: state)
                } else {
                    stopped.insert(stage.instance.name)
                    state.summary.failed.append(stage.instance.name)
                    let why = status == 0 ? "exited without committing its cache entry" : "failed (exit status \(status))"
                    log("\(stage.instance.name): \(why) after \(Self.formatSeconds(seconds)); its log: \(stage.log.path)")
                    if let last = Self.lastErrorLine(of: stage.log) { log("  \(last)") }
                }
            }
        }
    }

    /// A stage running as a child process.
    final class RunningStage {
        let instance: StageInstance, key: String, process: Process, log: URL, started = Date()
        init(instance: StageInstance, key: String, process: Process, log: URL) {
            self.instance = instance; self.key = key; self.process = process; self.log = log
        }
    }

    /// `progressInterval`: seconds between the child's progress lines in its log, short when a
    /// status board shows them live (the child's own default otherwise).
    private func launch(_ instance: StageInstance, key: String, threads: Int, executable: URL, profile: String, force: Bool, logs: URL,
                        number: Int, progressInterval: Int?, notify: DispatchSemaphore) throws -> RunningStage {
        let log = logs.appendingPathComponent(instance.name + ".log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run-stage", instance.name, "--profile", profile, "--threads", String(threads)]
            + (force ? ["--force"] : []) + (progressInterval.map { ["--progress-interval", String($0)] } ?? [])
            + (experiment?.commandLineArguments ?? [])
        process.currentDirectoryURL = root
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { _ in try? handle.close(); notify.signal() }
        try process.run()
        self.log("[\(number)] \(instance.name): started (pid \(process.processIdentifier), \(threads) thread\(threads == 1 ? "" : "s"); log \(log.path))")
        return RunningStage(instance: instance, key: key, process: process, log: log)
    }

    /// The last line of a failed stage's log that reports an error.
    static func lastErrorLine(of log: URL) -> String? {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").last { $0.hasPrefix("error:") }.map(String.init)
    }
}
