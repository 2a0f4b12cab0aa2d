/// What one `repro` accumulates while it runs stages, in order or in parallel.
final class ReproState {
    var summary = ReproSummary()
    var records: [String: StageRecord] = [:]
    var timings: StageTimings
    var integrity: CacheIntegrity
    /// The checkout's commit, looked up once when the first stage runs.
    var git: (commit: String, dirty: Bool)??

    init(timings: StageTimings, integrity: CacheIntegrity) {
        self.timings = timings
        self.integrity = integrity
    }
}
