/// What a stage asks a batch scheduler for. Each kind has defaults (`StageKind.resources`); a
/// stage's `slurm:` block in pipeline.yaml and `repro --slurm-*` options override them, in
/// that order. Resources never enter a cache key: they do not change results.
public struct JobResources: Equatable, Sendable {
    public var cpus: Int
    /// In sbatch's `--mem` syntax, e.g. `4G`.
    public var memory: String
    /// In sbatch's `--time` syntax, e.g. `12:00:00`.
    public var time: String
    public var partition: String?
    /// Further sbatch flags, e.g. `--account=lab`.
    public var flags: [String]

    public init(cpus: Int = 1, memory: String = "2G", time: String = "1:00:00", partition: String? = nil, flags: [String] = []) {
        self.cpus = cpus; self.memory = memory; self.time = time; self.partition = partition; self.flags = flags
    }

    /// A training stage: two threads, more memory, a long limit (a killed job resumes from its
    /// last checkpoint when resubmitted).
    public static let training = JobResources(cpus: 2, memory: "4G", time: "24:00:00")

    /// The keys a `slurm:` block in pipeline.yaml may set.
    public static let keys = ["cpus", "mem", "time", "partition", "flags"]

    /// These resources with the values `overrides` sets (keys as in `keys`; flags are added).
    public func overridden(by overrides: JobResourceOverrides) -> JobResources {
        var r = self
        if let cpus = overrides.cpus { r.cpus = cpus }
        if let memory = overrides.memory { r.memory = memory }
        if let time = overrides.time { r.time = time }
        if let partition = overrides.partition { r.partition = partition }
        r.flags += overrides.flags
        return r
    }

    /// The sbatch options that ask for them.
    var sbatchOptions: [String] {
        ["--cpus-per-task=\(cpus)", "--mem=\(memory)", "--time=\(time)"] + (partition.map { ["--partition=\($0)"] } ?? []) + flags
    }
}

/// Values that replace some of a stage's resources.
public struct JobResourceOverrides: Equatable, Sendable {
    public var cpus: Int?
    public var memory: String?
    public var time: String?
    public var partition: String?
    public var flags: [String] = []
    public init(cpus: Int? = nil, memory: String? = nil, time: String? = nil, partition: String? = nil, flags: [String] = []) {
        self.cpus = cpus; self.memory = memory; self.time = time; self.partition = partition; self.flags = flags
    }
}
