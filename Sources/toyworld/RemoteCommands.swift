import ArgumentParser
import Foundation
import Pipeline

struct RemoteOptions: ParsableArguments {
    @Option(help: "A remote of remote.yaml, or a directory or http(s) URL (default: remote.yaml's default).")
    var remote: String?

    @Option(help: "tree (<key>/<file>) or flat (<key>--<file>), for a --remote given as a directory or URL.")
    var layout: String?

    func spec(root: URL) throws -> RemoteSpec {
        let layout = try self.layout.map { name -> RemoteLayout in
            guard let layout = RemoteLayout(rawValue: name) else { throw ValidationError("--layout must be tree or flat, got \(name)") }
            return layout
        }
        return try RemoteConfig.load(root: root).remote(remote, layout: layout)
    }
}

struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Copy the cache entries pipeline.lock records for a profile to a shared remote (a directory).")

    @Argument(help: "Stages whose entries to push, with what they need (default: every entry of the profile).")
    var stages: [String] = []
    @OptionGroup var remote: RemoteOptions
    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            let summary = try engine.push(profile: profile.profile, stages: stages, to: try remote.spec(root: engine.root))
            print("pushed \(summary.copied.count) entries; \(summary.present.count) already on the remote")
        }
    }
}

struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Copy into the local cache the entries pipeline.lock records for a profile, from a remote (a directory or an HTTP server), verified by SHA-256.",
        discussion: "Then `toyworld repro` renders the figures without training, computing only what the remote lacks.")

    @Argument(help: "Stages whose entries to pull, with what they need (default: every entry of the profile).")
    var stages: [String] = []
    @OptionGroup var remote: RemoteOptions
    @OptionGroup var profile: ProfileOption

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            let summary = try engine.pull(profile: profile.profile, stages: stages, from: try remote.spec(root: engine.root))
            print("pulled \(summary.copied.count) entries; \(summary.present.count) already cached"
                  + (summary.missing.isEmpty ? "" : "; \(summary.missing.count) not on the remote (toyworld repro computes them): \(summary.missing.joined(separator: ", "))"))
        }
    }
}
