import Foundation

/// An exclusive lock (flock) on a file: data/repro.lock serializes `toyworld repro` runs, and
/// data/work/<key>.lock the jobs of one cache key. The holder writes its pid into the file so
/// that a waiting process can say whom it waits for.
/// The kernel releases the lock when the holder dies, so a killed run never blocks the next.
public final class ReproLock {
    public let url: URL
    private var descriptor: Int32 = -1

    public init(url: URL) { self.url = url }

    deinit { release() }

    /// Takes the lock. When another process holds it: with `wait`, calls `onWait` with that
    /// process's pid and blocks until it is released; without, throws a `.busy` error.
    public func acquire(wait: Bool, onWait: (Int32?) -> Void) throws {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError("cannot open \(url.path): \(String(cString: strerror(errno)))", category: .execution)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = ReproLock.holderPid(fd)
            guard wait else {
                close(fd)
                throw PipelineError("another toyworld repro\(holder.map { " (pid \($0))" } ?? "") is running; not waiting (--no-wait)", category: .busy)
            }
            onWait(holder)
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(fd)
                    throw PipelineError("cannot lock \(url.path): \(String(cString: strerror(errno)))", category: .execution)
                }
            }
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        descriptor = fd
    }

    public func release() {
        guard descriptor >= 0 else { return }
        // Clear the pid first so a later waiter never names a process that is gone.
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// The holder's pid. A holder writes it just after taking the lock, so an empty file is
    /// read again for a moment before giving up.
    private static func holderPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        for _ in 0..<20 {
            let count = pread(fd, &buffer, buffer.count, 0)
            if count > 0, let pid = Int32(String(decoding: buffer[..<count], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
            usleep(10_000)
        }
        return nil
    }
}
