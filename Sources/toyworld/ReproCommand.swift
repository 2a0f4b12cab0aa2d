import ArgumentParser
import Foundation
import Pipeline

enum Executor: String, ExpressibleByArgument, CaseIterable {
    case local, slurm
}

struct ReproCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repro",
        abstract: "Run the stale stages of pipeline.yaml in topological order and update pipeline.lock.",
        discussion: """
        With no STAGE and no --group, the whole pipeline; otherwise the named stages (a fan-out stage name \
        selects all its instances, `coop[seed=3]` one of them, a glob such as 'fig-tr-*' every stage it \
        matches) and everything upstream of them. A stage whose cache key \
        (kind, version, parameters, input digests) is already in data/cache is not rerun.
        """)

    @Argument(help: "Stages to bring up to date (default: all).")
    var stages: [String] = []

    @Option(help: ArgumentHelp("Also bring up to date the targets of a group of pipeline.yaml (e.g. paper-000; `toyworld dag --groups` lists them). Repeatable.", valueName: "NAME"))
    var group: [String] = []

    @Flag(help: "Rerun the named stages (all with no STAGE) even when cached.")
    var force = false

    @Flag(help: "Also bring up to date every stage that consumes the named ones.")
    var downstream = false

    @Flag(name: .customLong("dry-run"), help: "Print what would run and why, without running anything.")
    var dryRun = false

    @Flag(name: .customLong("no-wait"), help: "Exit with code 3 instead of waiting when another repro is running.")
    var noWait = false

    @Option(name: .customShort("j"), help: ArgumentHelp("Run up to N ready stages at once, each in its own process (default: the number of cores; each stage gets the cores shared among the stages running or ready when it starts).", valueName: "N"))
    var jobs: Int?

    @Flag(name: .customLong("keep-going"), help: "With -j: after a stage fails, still run every stage that does not depend on it.")
    var keepGoing = false

    @Option(help: "local: run stages here (-j N at once); slurm: submit each stale stage as a SLURM batch job and return.")
    var executor: Executor = .local

    @Option(name: .customLong("slurm-cpus"), help: "With --executor slurm: CPUs per job (default: each kind's; training 2, others 1).")
    var slurmCPUs: Int?
    @Option(name: .customLong("slurm-mem"), help: "With --executor slurm: memory per job, in sbatch's syntax (default: each kind's).")
    var slurmMemory: String?
    @Option(name: .customLong("slurm-time"), help: "With --executor slurm: time limit per job, in sbatch's syntax (default: each kind's).")
    var slurmTime: String?
    @Option(name: .customLong("slurm-partition"), help: "With --executor slurm: the partition (default: the cluster's).")
    var slurmPartition: String?
    @Option(name: .customLong("slurm-flag"), help: "With --executor slurm: a further sbatch flag, e.g. --slurm-flag=--account=lab (repeatable).")
    var slurmFlags: [String] = []

    @Option(help: "Worker threads per stage (default: TOYWORLD_THREADS, else the cores shared out among the -j stages). Results do not depend on it.")
    var threads: Int?

    @OptionGroup var profile: ProfileOption
    @OptionGroup var experiment: ExperimentOption

    func run() throws {
        try reportingErrors {
            var options = ReproOptions()
            let engine = try makeEngine(try experiment.experiment())
            options.targets = stages
            if !group.isEmpty {
                let spec = try engine.plan(profile: profile.profile).spec
                options.targets += try group.flatMap { try spec.targets(ofGroup: $0, profile: profile.profile) }
            }
            options.force = force
            options.downstream = downstream
            options.dryRun = dryRun
            options.wait = !noWait
            options.profile = profile.profile
            let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            guard jobs >= 1 else { throw ValidationError("-j must be at least 1, got \(jobs)") }
            options.jobs = jobs
            options.keepGoing = keepGoing
            if executor == .slurm {
                let overrides = JobResourceOverrides(cpus: slurmCPUs, memory: slurmMemory, time: slurmTime, partition: slurmPartition, flags: slurmFlags)
                try engine.submitToSlurm(options, executable: try currentExecutable(), overrides: overrides)
                return
            }
            if jobs > 1 {
                engine.stageExecutable = try currentExecutable()
                engine.drawsStatusBoard = isatty(STDERR_FILENO) != 0
                let fixed = ProcessInfo.processInfo.environment["TOYWORLD_THREADS"] != nil || threads != nil
                engine.adaptsThreads = !fixed
                engine.threads = fixed ? Engine.defaultThreads : Engine.threadsPerJob(jobs: jobs)
            }
            if let threads {
                guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
                engine.threads = threads
            }
            try engine.repro(options)
        }
    }
}
