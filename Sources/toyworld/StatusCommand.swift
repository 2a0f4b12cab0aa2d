import ArgumentParser
import Pipeline

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each stage and why it is stale (new, parameter changed, input changed, kind version bumped, output missing, upstream stale).")

    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            let statuses = try makeEngine().status(profile: profile.profile)
            let width = statuses.map(\.name.count).max() ?? 0
            for status in statuses {
                let name = status.name.padding(toLength: width, withPad: " ", startingAt: 0)
                if status.isStale {
                    print("\(name)  stale: \(status.reasons.joined(separator: "; "))")
                } else {
                    var notes: [String] = []
                    if status.lockOutdated { notes.append("pipeline.lock not yet updated") }
                    if !status.drifted.isEmpty { notes.append("\(status.drifted.joined(separator: ", ")) differ from the cache") }
                    print("\(name)  up to date" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")); run toyworld repro)"))
                }
            }
            let stale = statuses.filter(\.isStale).count
            print(stale == 0 ? "all \(statuses.count) stages up to date" : "\(stale) of \(statuses.count) stages stale")
        }
    }
}
