import Artifacts
import Linalg
import Pipeline

/// `lds.library`: the training and test libraries of paper 000 (App. B.2 steps 1-3, App. B.3).
public enum LibraryStage: StageKind {
    public static let name = "lds.library"
    public static let version = 1
    public static let summary = "Haar-random 5x5 systems with rollouts: train (K x 1 x 251) and test (S x M x L) libraries"
    public static let parameters: [ParamSpec] = [
        ParamSpec("systems", .int, default: .int(512), range: .closed(1, 10_000_000), help: "training systems K (paper: 40000)"),
        ParamSpec("test_systems", .int, default: .int(100), range: .closed(1, 100_000), help: "held-out systems"),
        ParamSpec("test_states", .int, default: .int(1000), range: .closed(1, 100_000),
                  help: "held-out initial states per held-out system"),
        ParamSpec("test_length", .int, default: .int(20), range: .closed(1, 10_000),
                  help: "held-out rollout length (needle test uses x_0..x_19)"),
        ParamSpec("family", .string, default: .string("orthogonal"), choices: SystemFamily.allCases.map(\.rawValue),
                  help: "system family"),
        ParamSpec("seed", .int, default: .int(0), help: "random seed"),
    ]
    public static let inputs: [InputSpec] = []
    public static let outputs = ["library"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        guard let family = SystemFamily(rawValue: p.string("family")) else {
            throw StageError("\(name): unknown family \(p.string("family"))")
        }
        let root = RNG(seed: UInt64(bitPattern: Int64(p.int("seed"))))
        let threads = context.threads
        context.progress.start(total: 2, unit: "libraries")
        let train = SystemLibrary.generate(family: family, systemCount: p.int("systems"), initialStates: 1,
                                           length: TraceLayout.tokens, rng: root.derive("train"), threads: threads)
        context.progress.advance()
        let test = SystemLibrary.generate(family: family, systemCount: p.int("test_systems"),
                                          initialStates: p.int("test_states"), length: p.int("test_length"),
                                          rng: root.derive("test"), threads: threads)
        context.progress.advance()
        context.progress.finish()
        let file = try ArtifactFile.create(context.output("library"))
        defer { file.close() }
        try train.write(to: file, group: "train")
        try test.write(to: file, group: "test")
        try file.setAttribute("family", .string(family.rawValue))
    }
}
