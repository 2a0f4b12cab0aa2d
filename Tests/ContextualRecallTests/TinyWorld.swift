import Foundation
@testable import ContextualRecall

/// A world small enough for debug-build tests.
enum TinyWorld {
    static let settings = WorldSettings(subjects: 16, valueCounts: [16, 4, 4], grammarTokens: 6, grammarLength: 4, blocks: 3,
                                        grammarOnlyProbability: 0.2, alpha: 1, targetDiv: 0.8, pool: 40, restarts: 3,
                                        finetunePool: 8, iclExamples: 3, grammarFinetuneMax: 2)
    static func make(seed: UInt64 = 1) -> RecallWorld { RecallWorld(settings: settings, seed: seed) }
}
