import Foundation
import Linalg

/// How well a block's attribute type can be told from its grammar alone (spec B.2-B.3).
///
/// In a PT block `[s, g_1..g_S, a]` the type of `a` is carried only by the grammar, drawn from
/// the type's chain. The best any model can do is the Bayes-optimal guess: the type whose chain
/// gives `g_1..g_S` the highest likelihood (types are equally likely a priori). Its accuracy is
/// the ceiling of PT exact match, reached by a model that also knows every fact; when chains
/// are alike (low Div) and S is short it lies far below 1, whatever the training.
public enum TypeInference {
    /// The Bayes-optimal guess's accuracy, estimated from `samplesPerType` grammar walks of
    /// `grammarLength` tokens per chain (standard error below 0.5 / sqrt(L * samplesPerType)).
    /// Ties go to the lowest type index, so identical chains give exactly 1 / L.
    public static func bayesAccuracy(chains: [MarkovChain], grammarLength S: Int, samplesPerType: Int, seed: UInt64) -> Double {
        let L = chains.count
        guard L > 1 else { return 1 }
        let G = chains[0].states
        precondition(chains.allSatisfy { $0.states == G }, "type inference: chains over different grammars")
        // Log transition probabilities of every chain, side by side per (from, to): [G * G, L].
        var logTransitions = [Double](repeating: 0, count: G * G * L)
        for (l, chain) in chains.enumerated() {
            for i in 0..<(G * G) { logTransitions[i * L + l] = log(chain.transitions[i]) }
        }
        var correct = 0
        var likelihood = [Double](repeating: 0, count: L)
        let root = RNG(seed: seed).derive("type-inference")
        for truth in 0..<L {
            var rng = root.derive("type", truth)
            for _ in 0..<samplesPerType {
                for l in 0..<L { likelihood[l] = 0 }
                var previous = -1
                chains[truth].walk(S, &rng) { state in
                    if previous >= 0 {
                        let row = (previous * G + state) * L
                        for l in 0..<L { likelihood[l] += logTransitions[row + l] }
                    }
                    previous = state
                }
                var best = 0
                for l in 1..<L where likelihood[l] > likelihood[best] { best = l }
                if best == truth { correct += 1 }
            }
        }
        return Double(correct) / Double(L * samplesPerType)
    }
}
