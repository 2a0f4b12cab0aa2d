/// Which of the stages left in a repro will run, for `[k/N]` and the repro ETA, which must be
/// known before they run.
extension Engine {
    /// The position of `remaining.first`, a stage about to run after `ran` others: counted
    /// among the stages forecast to run, with the recorded times of those after it.
    func position(of remaining: ArraySlice<StageInstance>, ran: Int, records: [String: StageRecord],
                  forced: Set<String>, timings: StageTimings, profile: String) -> StagePosition {
        let name = remaining.first!.name
        let forecast = forecastRuns(remaining, records: records, forced: forced)
        let later = forecast.dropFirst().map { timings[profile, $0.name] }
        return StagePosition(name: name, index: ran + 1, count: ran + forecast.count,
                             recordedSeconds: timings[profile, name],
                             laterSeconds: later.compactMap { $0 }.reduce(0, +),
                             laterUnrecorded: later.filter { $0 == nil }.count)
    }

    /// The stages of `remaining` expected to run, as a dry run decides: forced ones, those
    /// whose key is not in the cache, and all downstream of a running one, whose inputs are not
    /// known yet (an identical result can still leave them cached, so the forecast is an upper
    /// bound that the next one, made with that result, tightens).
    private func forecastRuns(_ remaining: ArraySlice<StageInstance>, records: [String: StageRecord],
                              forced: Set<String>) -> [StageInstance] {
        var records = records
        var running = Set<String>()
        for instance in remaining {
            // A stage whose digests cannot be computed counts as running; the repro reports why when it gets there.
            if !forced.contains(instance.name), !instance.upstream.contains(where: running.contains),
               let inputDigests = try? digests(of: instance, records: records),
               let record = cache.completedRecord(key: CacheKey.of(kind: instance.kind, params: instance.params, inputDigests: inputDigests),
                                                  outputs: instance.kind.outputs) {
                records[instance.name] = record
            } else {
                running.insert(instance.name)
            }
        }
        return remaining.filter { running.contains($0.name) }
    }
}
