import Foundation

/// Files that survive a crash or power loss whole or not at all: written under a temporary
/// sibling name, flushed to disk, renamed into place, and the directory flushed, so the final
/// name never holds a partial file.
public enum DurableFile {
    /// Writes an HDF5 file through `body`, then moves it durably to `url`.
    public static func writeArtifact(_ url: URL, _ body: (ArtifactFile) throws -> Void) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        do {
            let file = try ArtifactFile.create(temporary)
            defer { file.close() }
            try body(file)
        }
        try sync(temporary)
        guard Foundation.rename(temporary.path, url.path) == 0 else {
            throw ArtifactError(file: url.path, .fileSystem(operation: "rename \(temporary.lastPathComponent) into place", reason: String(cString: strerror(errno))))
        }
        try sync(url.deletingLastPathComponent())
    }

    /// fsync of a file or directory.
    public static func sync(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw ArtifactError(file: url.path, .fileSystem(operation: "open to flush", reason: String(cString: strerror(errno))))
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw ArtifactError(file: url.path, .fileSystem(operation: "flush", reason: String(cString: strerror(errno))))
        }
    }
}
