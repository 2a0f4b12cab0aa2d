import Artifacts
import Pipeline

/// `cr.relation-world`: paper 002 §4's world (spec B.8): facts, i.i.d. grammar with one
/// relation token per block, and the finetune / held-out split.
public enum RelationWorldStage: StageKind {
    public static let name = "cr.relation-world"
    public static let version = 1
    public static let summary = "Paper 002 §4 world: balanced facts, relation tokens in uniform grammar, finetune / held-out split"
    public static let parameters: [ParamSpec] = [
        ParamSpec("subjects", .int, default: .int(256), range: .closed(2, WorldStage.maxSubjects), help: "M subjects (paper: 256)"),
        ParamSpec("value_counts", .intList, default: .list([32, 32, 32, 32, 32, 32, 32, 32].map { .int($0) }),
                  range: .closed(1, WorldStage.maxSubjects),
                  help: "M_l unique values per attribute type; L = length (paper §4: 32 x 8; App. C: 256 then 32 x 7)"),
        ParamSpec("grammar_tokens", .int, default: .int(64), range: .closed(1, 100_000), help: "G grammar tokens (spec B.10: 64)"),
        ParamSpec("grammar_length", .int, default: .int(10), range: .closed(1, 1_000), help: "S tokens per grammar block, one a relation token (paper: 10)"),
        ParamSpec("blocks", .int, default: .int(5), range: .closed(1, 1_000), help: "N_tr blocks per PT sequence (paper: 5)"),
        ParamSpec("finetune_pool", .int, default: .int(128), range: .closed(1, WorldStage.maxSubjects),
                  help: "subjects finetuning may use; the others are held out (paper: half)"),
        ParamSpec("seed", .int, default: .int(0), help: "random seed"),
    ]
    public static let rules: [ParamRule] = [
        .less("finetune_pool", than: "subjects"),
        ParamRule("each value_counts entry divides subjects", keys: ["value_counts", "subjects"]) { p in
            let subjects = p.int("subjects")
            guard let bad = p.ints("value_counts").first(where: { subjects % $0 != 0 }) else { return nil }
            return "value_counts entry \(bad) does not divide subjects = \(subjects) (each value is given to subjects / \(bad) subjects)"
        },
    ]
    public static let inputs: [InputSpec] = []
    public static let outputs = ["world"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let world = RelationWorld(subjects: p.int("subjects"), valueCounts: p.ints("value_counts"), grammarTokens: p.int("grammar_tokens"),
                                  grammarLength: p.int("grammar_length"), blocks: p.int("blocks"), finetunePool: p.int("finetune_pool"),
                                  seed: UInt64(bitPattern: Int64(p.int("seed"))))
        let file = try ArtifactFile.create(context.output("world"))
        defer { file.close() }
        try world.write(to: file)
    }
}
