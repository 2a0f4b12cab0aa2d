import Linalg

/// The seeded trace sets every checkpoint of every run is scored on (spec A.6, C.4): the same
/// traces for every run, so that curves and the pseudoinverse baseline are comparable.
///
/// - `train`: needle traces over the first K_eval training systems, each with its own library
///   initial state (one trace per system), early indices 1...8 of the first segment;
/// - `train_backstory`: the same traces with the first segment backstoried (Fig. 10): indices
///   1...8 predict x_{-7}..x_0;
/// - `heldout`: held-out systems, `configurations` x `states` traces, early indices 1...8;
/// - `recall_n<N>`: held-out haystacks of N, test-segment indices 1 and 2.
/// Early indices use N = 1: their causal prefix does not depend on N.
public struct EvaluationSuite {
    public struct Entry {
        public let name: String
        public let set: NeedleTraceSet
        /// Index labels (1-based) and the positions whose predictions they are.
        public let indices: [Int]
        public let positions: [Int]
    }

    public static let earlyIndices = Array(1...8)
    public static let testIndices = [1, 2]

    public let entries: [Entry]

    public init(train: SystemLibrary, test: SystemLibrary, trainSystems: Int, configurations: Int, states: Int,
                recallHaystacks: [Int], seed: RNG) throws {
        let used = min(trainSystems, train.systemCount)
        func early(_ name: String, _ set: NeedleTraceSet) -> Entry {
            Entry(name: name, set: set, indices: Self.earlyIndices, positions: Self.earlyIndices.map(set.earlyPosition))
        }
        var entries = [
            early("train", try NeedleTraceSet(library: train, systemsUsed: used, haystack: 1, configurations: used,
                                              statesPerConfiguration: 1, seed: seed.derive("train"))),
            early("train_backstory", try NeedleTraceSet(library: train, systemsUsed: used, haystack: 1, configurations: used,
                                                        statesPerConfiguration: 1, backstory: true, seed: seed.derive("train"))),
            early("heldout", try NeedleTraceSet(library: test, haystack: 1, configurations: configurations,
                                                statesPerConfiguration: states, seed: seed.derive("heldout"))),
        ]
        for n in recallHaystacks {
            let set = try NeedleTraceSet(library: test, haystack: n, configurations: configurations,
                                         statesPerConfiguration: states, seed: seed.derive("recall", n))
            entries.append(Entry(name: "recall_n\(n)", set: set, indices: Self.testIndices,
                                 positions: Self.testIndices.map(set.testPosition)))
        }
        self.entries = entries
    }

    /// Column names of a set's figure table: examples, the model's quartiles per index, then
    /// the pseudoinverse's on the identical traces.
    public static func columns(indices: [Int]) -> [String] {
        ["examples"] + indices.flatMap { ["q25_\($0)", "q50_\($0)", "q75_\($0)"] }
            + indices.flatMap { ["pinv_q25_\($0)", "pinv_q50_\($0)", "pinv_q75_\($0)"] }
    }
}
