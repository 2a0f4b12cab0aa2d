import Foundation
import Yams

/// `remote.yaml` at the repository root (committed): where `toyworld push` and `pull` share
/// cache entries.
///
///     default: team
///     remotes:
///       team: { url: /srv/toyworld-cache }
///       releases: { url: "https://example.org/toyworld/v1/", layout: flat }
///
/// `url` is a directory (a path or `file://`) or, for `pull` only, an `http(s)://` address;
/// `layout` is `tree` (`<key>/<file>`, the cache's own) or `flat` (`<key>--<file>`, for hosts
/// that cannot hold folders, such as release assets).
public struct RemoteConfig {
    public static let fileName = "remote.yaml"
    public let defaultName: String?
    public let remotes: [String: RemoteSpec]

    public static func load(root: URL) throws -> RemoteConfig {
        let url = root.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return RemoteConfig(defaultName: nil, remotes: [:]) }
        let file = fileName
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch { throw PipelineError("malformed YAML: \(error)", file: file) }
        guard let top = (node ?? [String: Any]()) as? [String: Any] else { throw PipelineError("expected a mapping with default and remotes", file: file) }
        var remotes: [String: RemoteSpec] = [:]
        for (name, value) in (top["remotes"] as? [String: Any]) ?? [:] {
            guard let fields = value as? [String: Any], let url = fields["url"] as? String else {
                throw PipelineError("remote \(name): needs a url", file: file)
            }
            let layoutName = fields["layout"] as? String ?? RemoteLayout.tree.rawValue
            guard let layout = RemoteLayout(rawValue: layoutName) else {
                throw PipelineError("remote \(name): layout must be tree or flat, found \(layoutName)", file: file)
            }
            remotes[name] = RemoteSpec(name: name, url: url, layout: layout)
        }
        let defaultName = top["default"] as? String
        if let defaultName, remotes[defaultName] == nil {
            throw PipelineError("default remote \(defaultName) is not among the remotes (\(remotes.keys.sorted().joined(separator: ", ")))", file: file)
        }
        return RemoteConfig(defaultName: defaultName, remotes: remotes)
    }

    /// The remote `choice` names (a name in the config, or a URL), else the default one.
    public func remote(_ choice: String?, layout: RemoteLayout? = nil) throws -> RemoteSpec {
        if let choice {
            if let named = remotes[choice] { return layout.map { RemoteSpec(name: named.name, url: named.url, layout: $0) } ?? named }
            if choice.contains("/") { return RemoteSpec(name: choice, url: choice, layout: layout ?? .tree) }
            throw PipelineError("no remote \(choice) in \(Self.fileName) (remotes: \(remotes.keys.sorted().joined(separator: ", ")); or pass a directory or URL)", category: .execution)
        }
        guard let defaultName, let remote = remotes[defaultName] else {
            throw PipelineError("no default remote: add one to \(Self.fileName) (default: NAME, remotes: { NAME: { url: ... } }) or pass --remote DIR|URL", category: .execution)
        }
        return remote
    }
}

public enum RemoteLayout: String, Sendable { case tree, flat }

public struct RemoteSpec: Sendable {
    public let name: String
    public let url: String
    public let layout: RemoteLayout

    /// The store behind the URL.
    func store() throws -> RemoteStore {
        if url.hasPrefix("http://") || url.hasPrefix("https://") {
            guard let base = URL(string: url.hasSuffix("/") ? url : url + "/") else { throw PipelineError("remote \(name): bad URL \(url)", category: .execution) }
            return HTTPRemote(base: base, layout: layout)
        }
        let path = url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
        return DirectoryRemote(root: URL(fileURLWithPath: path, isDirectory: true), layout: layout)
    }
}
