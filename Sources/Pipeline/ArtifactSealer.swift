import Artifacts
import Foundation

/// The seam between the engine and the artifact format: stamps provenance into a finished
/// output and returns its content digest (which must not depend on the provenance, so that
/// identical results have identical digests whatever run produced them).
public protocol ArtifactSealer {
    func seal(_ url: URL, provenance: Provenance) throws -> String
    /// The content digest of a sealed artifact, as `seal` returned it (checks what a remote sent).
    func digest(_ url: URL) throws -> String
    /// The files a sealed artifact carries for the working tree (`ArtifactFile.publish`).
    func publishedFiles(_ url: URL) throws -> [(path: String, bytes: [UInt8])]
}

extension ArtifactSealer {
    public func publishedFiles(_ url: URL) throws -> [(path: String, bytes: [UInt8])] { [] }
}

/// Seals HDF5 artifacts: provenance into the group `/provenance`, which ContentDigest leaves out.
public struct HDF5Sealer: ArtifactSealer {
    public init() {}

    public func seal(_ url: URL, provenance: Provenance) throws -> String {
        let file = try ArtifactFile.open(url, writable: true)
        try provenance.write(to: file)
        file.close()
        return try digest(url)
    }

    public func digest(_ url: URL) throws -> String { try ContentDigest.of(url) }

    public func publishedFiles(_ url: URL) throws -> [(path: String, bytes: [UInt8])] {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        return try file.publishedFiles()
    }
}
