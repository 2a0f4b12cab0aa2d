import Artifacts
import Foundation
import Transformer

/// What an `induction.train` run records besides its checkpoints: which L2 heads were active
/// and which clamp it trained under.
public struct InductionRunSettings: Equatable {
    /// L2 head trained alone, or nil for all heads.
    public var onlyHead: Int?
    public var clamp: CircuitClamp
    public var previousTokenHead: Int
    public var inductionHead: Int
    public var seed: Int

    public func activeHeads(_ heads: Int) -> HeadSet { onlyHead.map(HeadSet.only) ?? .all(heads) }

    var attributes: [(String, AttributeValue)] {
        [("only_head", .int(Int64(onlyHead ?? -1))), ("clamp", .string(clamp.rawValue)),
         ("pt_head", .int(Int64(previousTokenHead))), ("ih_head", .int(Int64(inductionHead))), ("seed", .int(Int64(seed)))]
    }
}

/// An `induction.train` artifact as the evaluation reads it.
struct InductionRun {
    let artifact: TrainingRunArtifact
    let config: AttentionOnlyConfig
    let settings: InductionRunSettings

    init(_ url: URL) throws {
        artifact = try TrainingRunArtifact(url)
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        config = try AttentionOnlyConfig(attributesOf: file)
        let name = try file.requiredString("clamp")
        guard let clamp = CircuitClamp(rawValue: name) else {
            throw TransformerError.checkpoint("\(url.path): clamp = \(name) is not one of \(CircuitClamp.allCases.map(\.rawValue))")
        }
        let only = try file.requiredInt("only_head")
        settings = InductionRunSettings(onlyHead: only < 0 ? nil : only, clamp: clamp, previousTokenHead: try file.requiredInt("pt_head"),
                                        inductionHead: try file.requiredInt("ih_head"), seed: try file.requiredInt("seed"))
    }
}
