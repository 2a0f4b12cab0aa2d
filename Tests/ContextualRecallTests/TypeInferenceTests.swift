import XCTest
import Linalg
@testable import ContextualRecall

/// The Bayes-optimal accuracy of telling a block's type from its grammar.
final class TypeInferenceTests: XCTestCase {
    func testIdenticalChainsGiveChanceExactly() {
        var rng = RNG(seed: 3)
        let chain = MarkovChain.dirichlet(states: 5, alpha: 1, &rng)
        let accuracy = TypeInference.bayesAccuracy(chains: [chain, chain, chain, chain], grammarLength: 12, samplesPerType: 500, seed: 1)
        XCTAssertEqual(accuracy, 0.25, "every likelihood ties, the guess is always type 0: right on a quarter of the walks")
    }

    func testChainsWithDisjointMovesAreAlwaysTold() {
        // Chain l moves from state i to state (i + l + 1) mod 4 and nowhere else: one step names it.
        let chains = (0..<3).map { l in
            MarkovChain(states: 4, transitions: (0..<16).map { $0 % 4 == ($0 / 4 + l + 1) % 4 ? 1 : 0 })
        }
        XCTAssertEqual(TypeInference.bayesAccuracy(chains: chains, grammarLength: 2, samplesPerType: 200, seed: 1), 1)
        XCTAssertEqual(TypeInference.bayesAccuracy(chains: chains, grammarLength: 1, samplesPerType: 300, seed: 1), 1.0 / 3,
                       "one token, uniform under every chain, says nothing: every guess is type 0")
    }

    func testTwoStateCaseMatchesTheHandComputedValue() {
        // "Stay" with probability 0.9 against "switch" with 0.9: from one transition the Bayes
        // guess is right with probability 0.9.
        let stay = MarkovChain(states: 2, transitions: [0.9, 0.1, 0.1, 0.9])
        let move = MarkovChain(states: 2, transitions: [0.1, 0.9, 0.9, 0.1])
        XCTAssertEqual(TypeInference.bayesAccuracy(chains: [stay, move], grammarLength: 2, samplesPerType: 20_000, seed: 2), 0.9, accuracy: 0.006)
        // From two transitions the majority decides; a one-one split (probability 0.18) ties and
        // goes to type 0: right for "stay" walks (0.81 + 0.18), wrong for "move" walks (0.81).
        XCTAssertEqual(TypeInference.bayesAccuracy(chains: [stay, move], grammarLength: 3, samplesPerType: 20_000, seed: 2), (0.99 + 0.81) / 2, accuracy: 0.006)
    }

    func testMoreGrammarAndMoreDiversityTellTheTypeBetter() {
        var rng = RNG(seed: 7)
        let alike = (0..<4).map { _ in MarkovChain.dirichlet(states: 8, alpha: 40, &rng) }
        let diverse = (0..<4).map { _ in MarkovChain.dirichlet(states: 8, alpha: 1, &rng) }
        let short = TypeInference.bayesAccuracy(chains: alike, grammarLength: 5, samplesPerType: 4_000, seed: 1)
        let long = TypeInference.bayesAccuracy(chains: alike, grammarLength: 60, samplesPerType: 4_000, seed: 1)
        let diverseShort = TypeInference.bayesAccuracy(chains: diverse, grammarLength: 5, samplesPerType: 4_000, seed: 1)
        XCTAssertGreaterThan(long, short + 0.1)
        XCTAssertGreaterThan(diverseShort, short + 0.1)
        XCTAssertEqual(TypeInference.bayesAccuracy(chains: alike, grammarLength: 60, samplesPerType: 4_000, seed: 1), long, "a fixed seed gives one number")
    }
}
