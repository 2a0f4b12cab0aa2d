import ArgumentParser
import Foundation
import Linalg
import LinearSystems

struct PinvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pinv",
        abstract: "Print the pseudoinverse predictor's (paper 000 eq. 5) squared-error quartiles at indices 1..7 of a fresh system.")

    @Option(help: "Monte-Carlo systems.") var systems = 20_000
    @Option(help: "Random seed.") var seed: UInt64 = 1

    /// Spec A.7's Monte-Carlo medians (1000 systems), printed alongside for comparison.
    static let specMedians = [0.848, 0.848, 0.686, 0.493, 0.285, 0.097, 0]

    func run() throws {
        try reportingErrors {
            guard systems >= 2 else { throw ValidationError("--systems must be at least 2, got \(systems)") }
            let quartiles = PseudoinverseBaseline.freshSystemQuartiles(systems: systems, rng: RNG(seed: seed))
            print("pseudoinverse squared error ||x_hat - x||^2 of a fresh system, \(systems) systems, seed \(seed)")
            print("index      q25      median   q75      spec median")
            for (i, q) in quartiles.enumerated() {
                print(String(format: "%5d   %8.4f %8.4f %8.4f   %8.3f", i + 1, q.q25, q.q50, q.q75, Self.specMedians[i]))
            }
        }
    }
}
