import Artifacts
import Foundation

extension Engine {
    /// `toyworld explain STAGE`: where a figure (or any artifact) came from: its cache key, the
    /// commit, host and time that made it, and the chain of stages behind it with their kinds
    /// and parameters, down to the world generators, as pipeline.lock records them.
    public func explain(_ name: String, profile: String) throws -> [String] {
        let plan = try self.plan(profile: profile)
        guard let target = plan[name] else { throw plan.missing(name) }
        let locked = try PipelineLock.read(lockURL).profiles[profile] ?? [:]
        var lines: [String] = []
        var shown = Set<String>()
        func describe(_ instance: StageInstance, depth: Int) throws {
            let indent = String(repeating: "  ", count: depth)
            guard shown.insert(instance.name).inserted else {
                lines.append("\(indent)\(instance.name) (as above)")
                return
            }
            guard let record = locked[instance.name] else {
                lines.append("\(indent)\(instance.name): \(instance.kind.name) v\(instance.kind.version), not in pipeline.lock for profile \(profile) (run toyworld repro \(instance.name))")
                return
            }
            lines.append("\(indent)\(instance.name): \(record.kind) v\(record.version), key \(record.key.prefix(16))")
            // What pipeline.yaml and the profile set: the parameters that differ from the kind's defaults.
            let params = instance.kind.parameters.compactMap { spec -> String? in
                guard let value = instance.params.values[spec.name], value != spec.defaultValue else { return nil }
                return "\(spec.name)=\(value.canonicalJSON)"
            }
            if !params.isEmpty { lines.append("\(indent)  params: " + params.joined(separator: ", ")) }
            if let output = record.outputs.keys.sorted().first {
                let url = cache.outputURL(key: record.key, output: output)
                if FileManager.default.fileExists(atPath: url.path), let file = try? ArtifactFile.open(url) {
                    defer { file.close() }
                    if let p = try Provenance.read(from: file) {
                        let dirty = p.gitDirty.map { $0 ? " (with uncommitted changes)" : "" } ?? " (dirty state unknown)"
                        lines.append("\(indent)  made by \(p.toolVersion) at commit \(p.gitCommit.prefix(12))\(dirty) on \(p.host), \(ISO8601DateFormatter().string(from: p.finishedAt)), \(Self.formatSeconds(p.wallSeconds))")
                        if let library = p.productLibrary { lines.append("\(indent)  products by \(library)") }
                    }
                } else {
                    lines.append("\(indent)  (not in the local cache: toyworld pull or repro brings it)")
                }
            }
            for input in instance.inputs {
                for artifact in input.artifacts where plan[artifact.instance] != nil {
                    try describe(plan[artifact.instance]!, depth: depth + 1)
                }
            }
        }
        lines.append("profile \(profile)")
        try describe(target, depth: 0)
        return lines
    }
}
