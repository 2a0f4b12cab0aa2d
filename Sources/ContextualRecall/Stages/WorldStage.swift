import Artifacts
import Pipeline

/// `cr.world`: facts, grammar chains and the subject split of paper 002 (spec B.1-B.4).
public enum WorldStage: StageKind {
    public static let name = "cr.world"
    public static let version = 1
    public static let summary = "Contextual-recall world: balanced facts, Dirichlet grammar chains at a target Div, finetune / held-out split"
    public static let parameters: [ParamSpec] = [
        ParamSpec("subjects", .int, default: .int(128), help: "M subjects (paper: 256)"),
        ParamSpec("value_counts", .intList, default: .list([128, 16, 16, 16].map { .int($0) }),
                  help: "M_l unique values per attribute type; L = length (paper: 256 then 32 x 7)"),
        ParamSpec("grammar_tokens", .int, default: .int(16), help: "G grammar tokens (paper: unstated; spec B.10: 64)"),
        ParamSpec("grammar_length", .int, default: .int(40), help: "S grammar tokens per PT subsequence (paper: 80)"),
        ParamSpec("blocks", .int, default: .int(4), help: "N_tr subsequences per PT sequence (paper: 5)"),
        ParamSpec("grammar_only_probability", .double, default: .double(0.2), help: "p_G, chance a PT subsequence is grammar only"),
        ParamSpec("alpha", .double, default: .double(1.0), help: "symmetric Dirichlet concentration of chain rows (sets the Div scale)"),
        ParamSpec("target_div", .double, default: .double(0.8), help: "target Div (row-mean l1) of the greedy chain selection"),
        ParamSpec("pool", .int, default: .int(500), help: "candidate chains for the greedy selection"),
        ParamSpec("restarts", .int, default: .int(20), help: "greedy restarts; the Div closest to the target wins"),
        ParamSpec("finetune_pool", .int, default: .int(64), help: "subjects finetuning may use; the others are held out (paper: 128)"),
        ParamSpec("icl_examples", .int, default: .int(16), help: "N = N_ft demonstrations per ICL sequence"),
        ParamSpec("grammar_ft_max", .int, default: .int(5), help: "S_ft ~ Unif{1..this} per ICL+Grm sequence"),
        ParamSpec("seed", .int, default: .int(0), help: "random seed"),
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
        try settings.validate(stage: context.stageName)
        let world = RecallWorld(settings: settings, seed: RecallParameters(context: context).seed)
        let file = try ArtifactFile.create(context.output("world"))
        defer { file.close() }
        try world.write(to: file)
    }
}
