import Artifacts
import Pipeline

/// `cr.world`: facts, grammar chains and the subject split of paper 002 (spec B.1-B.4).
public enum WorldStage: StageKind {
    public static let name = "cr.world"
    public static let version = 1
    public static let summary = "Contextual-recall world: balanced facts, Dirichlet grammar chains at a target Div, finetune / held-out split"
    public static let parameters: [ParamSpec] = [
        ParamSpec("subjects", .int, default: .int(128), range: .closed(2, maxSubjects), help: "M subjects (paper: 256)"),
        ParamSpec("value_counts", .intList, default: .list([128, 16, 16, 16].map { .int($0) }), range: .closed(1, maxSubjects),
                  help: "M_l unique values per attribute type; L = length (paper: 256 then 32 x 7)"),
        ParamSpec("grammar_tokens", .int, default: .int(16), range: .closed(2, 100_000),
                  help: "G grammar tokens (paper: unstated; spec B.10: 64)"),
        ParamSpec("grammar_length", .int, default: .int(40), range: .closed(1, 10_000),
                  help: "S grammar tokens per PT subsequence (paper: 80)"),
        ParamSpec("blocks", .int, default: .int(4), range: .closed(1, 1_000), help: "N_tr subsequences per PT sequence (paper: 5)"),
        ParamSpec("grammar_only_probability", .double, default: .double(0.2), range: .halfOpen(0, 1),
                  help: "p_G, chance a PT subsequence is grammar only"),
        ParamSpec("alpha", .double, default: .double(1.0), range: .above(0),
                  help: "symmetric Dirichlet concentration of chain rows (sets the Div scale)"),
        ParamSpec("target_div", .double, default: .double(0.8),
                  range: ParamRange(lower: .init(0, inclusive: false), upper: .init(2, inclusive: true)),
                  help: "target Div (row-mean l1) of the greedy chain selection"),
        ParamSpec("pool", .int, default: .int(500), range: .closed(1, 100_000), help: "candidate chains for the greedy selection"),
        ParamSpec("restarts", .int, default: .int(20), range: .closed(1, 100_000),
                  help: "greedy restarts; the Div closest to the target wins"),
        ParamSpec("finetune_pool", .int, default: .int(64), range: .closed(1, maxSubjects),
                  help: "subjects finetuning may use; the others are held out (paper: 128)"),
        ParamSpec("icl_examples", .int, default: .int(16), range: .closed(1, 1_000), help: "N = N_ft demonstrations per ICL sequence"),
        ParamSpec("grammar_ft_max", .int, default: .int(5), range: .closed(1, 10_000),
                  help: "S_ft ~ Unif{1..this} per ICL+Grm sequence"),
        ParamSpec("seed", .int, default: .int(0), help: "random seed"),
    ]
    /// The most subjects a world (and so a finetuning run) may have.
    static let maxSubjects: Double = 100_000
    /// The most positions a model of the world's sequences may need.
    public static let maxModelContext = 8_192
    public static let rules: [ParamRule] = [
        ParamRule("value_counts lists at least two attribute types", keys: ["value_counts"]) { p in
            let counts = p.ints("value_counts")
            return counts.count >= 2 ? nil : "value_counts = \(counts) lists \(counts.count) attribute types; a world needs at least two"
        },
        // Balanced assignment (B.1) uses each value exactly M / M_l times only when M_l divides M.
        ParamRule("each value_counts entry divides subjects", keys: ["value_counts", "subjects"]) { p in
            let subjects = p.int("subjects")
            guard let bad = p.ints("value_counts").first(where: { subjects % $0 != 0 }) else { return nil }
            return "value_counts entry \(bad) does not divide subjects = \(subjects) (each value is given to subjects / \(bad) subjects)"
        },
        ParamRule("pool holds at least one chain per attribute type", keys: ["pool", "value_counts"]) { p in
            let pool = p.int("pool"), types = p.ints("value_counts").count
            return pool >= types ? nil : "pool = \(pool) holds fewer chains than the \(types) attribute types of value_counts"
        },
        .less("finetune_pool", than: "subjects"),
        ParamRule("sequences fit a model context of \(maxModelContext) positions",
                  keys: ["grammar_length", "blocks", "icl_examples", "grammar_ft_max"]) { p in
            let context = WorldStage.settings(p).modelContext
            return context <= WorldStage.maxModelContext ? nil
                : "grammar_length = \(p.int("grammar_length")), blocks = \(p.int("blocks")), icl_examples = \(p.int("icl_examples")) "
                    + "and grammar_ft_max = \(p.int("grammar_ft_max")) make sequences that need a model context of \(context) positions, "
                    + "more than \(WorldStage.maxModelContext)"
        },
    ]
    public static let inputs: [InputSpec] = []
    public static let outputs = ["world"]

    public static func settings(_ p: Parameters) -> WorldSettings {
        WorldSettings(subjects: p.int("subjects"), valueCounts: p.ints("value_counts"), grammarTokens: p.int("grammar_tokens"),
                      grammarLength: p.int("grammar_length"), blocks: p.int("blocks"),
                      grammarOnlyProbability: p.double("grammar_only_probability"), alpha: p.double("alpha"),
                      targetDiv: p.double("target_div"), pool: p.int("pool"), restarts: p.int("restarts"),
                      finetunePool: p.int("finetune_pool"), iclExamples: p.int("icl_examples"),
                      grammarFinetuneMax: p.int("grammar_ft_max"))
    }

    public static func run(_ context: StageContext) throws {
        let settings = settings(context.params)
        // The plan has checked the ranges and rules; these are the invariants a world artifact is read with.
        try settings.validate(stage: context.stageName)
        let world = RecallWorld(settings: settings, seed: RecallParameters(context: context).seed)
        let file = try ArtifactFile.create(context.output("world"))
        defer { file.close() }
        try world.write(to: file)
    }
}
