import Foundation

/// The few git queries the pipeline needs, through the `git` executable.
public enum Git {
    /// HEAD's commit and whether tracked files differ from it; nil outside a repository.
    public static func describe(at root: URL) -> (commit: String, dirty: Bool)? {
        guard let head = try? run(["rev-parse", "HEAD"], at: root) else { return nil }
        let status = (try? run(["status", "--porcelain", "--untracked-files=no"], at: root)) ?? Data()
        return (String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), !status.isEmpty)
    }

    /// The commit a revision names. A revision is never passed to git where it could be read
    /// as an option (`--output=x`), and one that names no commit is a clear error.
    public static func commit(_ revision: String, at root: URL) throws -> String {
        guard !revision.hasPrefix("-"), let data = try? run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], at: root) else {
            throw PipelineError("\(revision) is not a git revision of this repository (a commit, branch or tag)", category: .execution)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The last `count` commits that changed `path`, newest first.
    public static func recentCommits(touching path: String, count: Int, at root: URL) throws -> [String] {
        guard count > 0 else { return [] }
        let text = String(decoding: try run(["log", "--format=%H", "-n", String(count), "--", path], at: root), as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }

    /// `git show COMMIT:PATH` of the commit `revision` names.
    public static func show(revision: String, path: String, at root: URL) throws -> Data {
        try run(["show", "\(try commit(revision, at: root)):\(path)"], at: root)
    }

    static func run(_ arguments: [String], at root: URL) throws -> Data {
        let result: Subprocess.Result
        do { result = try Subprocess.run("git", arguments, in: root) } catch {
            throw PipelineError("cannot run git: \(error.localizedDescription)", category: .execution)
        }
        guard result.status == 0 else {
            let text = result.errorText.trimmingCharacters(in: .whitespacesAndNewlines)
            throw PipelineError("git \(arguments.joined(separator: " ")) failed: \(text)", category: .execution)
        }
        return result.output
    }
}

extension PipelineLock {
    /// pipeline.lock as committed at a git revision, or from the working tree when `revision` is nil.
    public static func read(revision: String?, root: URL) throws -> PipelineLock {
        guard let revision else { return try read(root.appendingPathComponent("pipeline.lock")) }
        let data = try Git.show(revision: revision, path: "./pipeline.lock", at: root)
        return try PipelineLock(data: data, file: "\(revision):pipeline.lock")
    }
}
