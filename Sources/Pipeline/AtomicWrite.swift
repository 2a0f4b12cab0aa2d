import Foundation

/// Replaces `url` with `data` all at once (write a sibling, then rename), so that a reader, or
/// a run killed mid-write, never sees half a file.
func writeAtomically(_ data: Data, to url: URL) throws {
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid())")
    do {
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw PipelineError(String(cString: strerror(errno))) }
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw PipelineError("cannot write \(url.path): \(error)", category: .execution)
    }
}
