import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where cache entries are shared: a file of an entry is `<key>/<file>` (tree) or
/// `<key>--<file>` (flat). An entry counts on a remote once its manifest is there, so a
/// push writes the manifest last.
protocol RemoteStore {
    var layout: RemoteLayout { get }
    var description: String { get }
    /// Whether `put` works (an HTTP remote is read-only).
    var writable: Bool { get }
    /// Copies the remote file to `destination`; false when the remote has no such file.
    func fetch(_ path: String, to destination: URL) throws -> Bool
    /// Whether the remote has the file.
    func has(_ path: String) throws -> Bool
    /// Copies `source` to the remote (atomically where the store allows).
    func put(_ source: URL, as path: String) throws
}

extension RemoteStore {
    func path(key: String, file: String) -> String { layout == .tree ? "\(key)/\(file)" : "\(key)--\(file)" }
}

/// A directory, local or on a shared filesystem (a mounted bucket too).
struct DirectoryRemote: RemoteStore {
    let root: URL
    let layout: RemoteLayout
    var description: String { root.path }
    var writable: Bool { true }

    func fetch(_ path: String, to destination: URL) throws -> Bool {
        let source = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: source.path) else { return false }
        try FileManager.default.copyItem(at: source, to: destination)
        return true
    }

    func has(_ path: String) throws -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }

    /// Copies beside the target first and renames, so a reader never sees half a file.
    func put(_ source: URL, as path: String) throws {
        let target = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        try? FileManager.default.removeItem(at: partial)
        try FileManager.default.copyItem(at: source, to: partial)
        guard rename(partial.path, target.path) == 0 else {
            throw PipelineError("cannot move \(partial.path) to \(target.path): \(String(cString: strerror(errno)))", category: .execution)
        }
    }
}

/// Any static file server, read-only: `pull` only.
struct HTTPRemote: RemoteStore {
    /// A download's result, set by URLSession's callback before the semaphore is signalled.
    private final class Outcome: @unchecked Sendable { var result: Result<Bool, Error> = .success(false) }

    let base: URL
    let layout: RemoteLayout
    var description: String { base.absoluteString }
    var writable: Bool { false }

    func fetch(_ path: String, to destination: URL) throws -> Bool {
        guard let url = URL(string: path, relativeTo: base) else { throw PipelineError("bad remote path \(path)", category: .execution) }
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        URLSession.shared.downloadTask(with: url) { file, response, error in
            defer { done.signal() }
            if let error { outcome.result = .failure(PipelineError("cannot fetch \(url.absoluteString): \(error.localizedDescription)", category: .execution)); return }
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if status == 404 { outcome.result = .success(false); return }
            guard status == 200, let file else {
                outcome.result = .failure(PipelineError("cannot fetch \(url.absoluteString): HTTP status \(status)", category: .execution)); return
            }
            do { try FileManager.default.moveItem(at: file, to: destination); outcome.result = .success(true) } catch { outcome.result = .failure(error) }
        }.resume()
        done.wait()
        return try outcome.result.get()
    }

    func has(_ path: String) throws -> Bool {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("toyworld-probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: probe) }
        return try fetch(path, to: probe)
    }

    func put(_ source: URL, as path: String) throws {
        throw PipelineError("remote \(base.absoluteString) is read-only over HTTP: push to a directory and serve that", category: .execution)
    }
}
