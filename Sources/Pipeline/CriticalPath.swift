/// The order in which `repro -j` starts stages that are ready: the longest remaining chain
/// first, so that the stage bounding the wall time (a long training run and what depends on it)
/// does not wait behind short ones that could run beside it later. A chain's length adds the
/// wall time each stage took in its last run on this machine (data/timings.json), or a guess
/// by kind where none is recorded. Only the order changes, never what a stage computes.
struct CriticalPath {
    /// A stage's seconds when its last run is not recorded: training kinds (those that ask a
    /// scheduler for two cores) are long, the others short.
    static let guessedTrainingSeconds = 600.0
    static let guessedOtherSeconds = 5.0

    /// Seconds from a stage's start to the end of the longest chain of stages that need it.
    private(set) var remaining: [String: Double] = [:]

    /// `stages` in topological order (upstream first), each with the seconds it is expected to take.
    init(_ stages: [(name: String, upstream: [String], seconds: Double)]) {
        var longestAfter: [String: Double] = [:]
        for stage in stages.reversed() {
            let total = stage.seconds + (longestAfter[stage.name] ?? 0)
            remaining[stage.name] = total
            for up in stage.upstream { longestAfter[up] = max(longestAfter[up] ?? 0, total) }
        }
    }

    init(_ instances: [StageInstance], timings: StageTimings, profile: String) {
        self.init(instances.map { instance in
            let guess = instance.kind.resources.cpus > 1 ? Self.guessedTrainingSeconds : Self.guessedOtherSeconds
            return (instance.name, instance.upstream, timings[profile, instance.name] ?? guess)
        })
    }

    /// `stages` with the longest remaining chain first; ties keep their order.
    func ordered<S>(_ stages: [S], name: (S) -> String) -> [S] {
        stages.enumerated().sorted { a, b in
            let ra = remaining[name(a.element)] ?? 0, rb = remaining[name(b.element)] ?? 0
            return ra != rb ? ra > rb : a.offset < b.offset
        }.map(\.element)
    }
}
