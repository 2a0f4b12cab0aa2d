import Foundation

/// Where a stage's output came from, stamped into the artifact after the stage returns.
public struct StageProvenance {
    public let stage: String
    public let kind: String
    public let kindVersion: Int
    public let key: String
    /// Canonical JSON of the parameters after the profile.
    public let paramsJSON: String
    /// Canonical JSON of input name -> input digests.
    public let inputsJSON: String
    public let gitCommit: String
    public let gitDirty: Bool
    public let toolVersion: String
    /// Volatile facts, excluded from the content digest.
    public let host: String
    public let started: Date
    public let finished: Date
}

/// The seam between the engine and the artifact format: stamps provenance into a finished
/// output and returns its content digest (which must not depend on the provenance, so that
/// identical results have identical digests whatever run produced them).
public protocol ArtifactSealer {
    func seal(_ url: URL, provenance: StageProvenance) throws -> String
}
