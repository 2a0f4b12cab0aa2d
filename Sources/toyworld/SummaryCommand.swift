import ArgumentParser
import Artifacts
import ContextualRecall
import Coopetition
import Foundation
import Induction
import LinearSystems
import Pipeline
import Transience

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the numbers behind each paper's claims, read from the cached artifacts.",
        subcommands: [TraceStatsSummaryCommand.self, LdsSummaryCommand.self, CoopSummaryCommand.self, RecallSummaryCommand.self,
                      RelationSummaryCommand.self, InductionSummaryCommand.self, TransienceSummaryCommand.self])
}

/// `--json`: the numbers by name instead of the lines, for scripts and for the claim tables.
struct SummaryOutput: ParsableArguments {
    @Flag(help: "Print the numbers as one JSON object (nested by name) instead of the text.") var json = false

    /// The report's lines after `header`, or its facts with the header's fields as JSON.
    func show(_ report: SummaryReport, header: [(String, String)]) {
        if json {
            var withHeader = report
            for (key, value) in header { withHeader.fact(key, value) }
            print(withHeader.json.pretty, terminator: "")
        } else {
            print(header.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            report.lines.forEach { print($0) }
        }
    }
}

/// `--runs LABEL=STAGE,...`: each label with its stage's artifact, in the order given.
func labelledArtifacts(_ text: String, form: String, profile: String) throws -> [(label: String, url: URL)] {
    let engine = try makeEngine()
    return try text.split(separator: ",").map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--runs expects \(form) pairs, got \(pair)") }
        return (parts[0], try engine.artifactURL(parts[1], profile: profile))
    }
}

struct CoopSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coop",
        abstract: "Per seed of the coopetition model: whether mechanism 1 was transient, the iteration of its minimum, and the size of the mechanism-2 divot.")

    @Option(help: "The fan-out stage of coop.simulate runs to summarise.") var stage = "coop-mu1"
    @OptionGroup var profile: ProfileOption
    @OptionGroup var output: SummaryOutput

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            let plan = try engine.plan(profile: profile.profile)
            let instances = plan.instances.filter { $0.stage.name == stage }
            guard !instances.isEmpty else { throw plan.missing(stage) }
            let artifacts = try instances.map { try engine.artifactURL($0.name, profile: profile.profile) }
            output.show(try CoopSummary.report(artifacts: artifacts), header: [("stage", stage), ("profile", profile.profile)])
        }
    }
}

struct TraceStatsSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces",
        abstract: "The interleaver checks of paper 000 Fig. 5: the Zipf(1.5, 25) PMF against the sampled maximum-systems histogram, and the share of 19-candidate recalls.")

    @Option(help: "The lds.trace-stats stage to read.") var stage = "lds-trace-stats"
    @OptionGroup var profile: ProfileOption
    @OptionGroup var output: SummaryOutput

    func run() throws {
        try reportingErrors {
            let url = try makeEngine().artifactURL(stage, profile: profile.profile)
            output.show(try TraceStatsSummary.report(url), header: [("stage", stage), ("profile", profile.profile)])
        }
    }
}

struct LdsSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lds",
        abstract: "The numbers behind paper 000's claims: IWL onset on training traces, held-out medians before and after, R2 after the restart, recall medians of R1-R5.")

    @Option(help: "Evaluation stage of each run, as RUN=STAGE, comma-separated.")
    var runs = "R1=lds-eval-r1,R2=lds-eval-r2,R3=lds-eval-r3,R4=lds-eval-r4,R5=lds-eval-r5"
    @OptionGroup var profile: ProfileOption
    @OptionGroup var output: SummaryOutput

    func run() throws {
        try reportingErrors {
            var evaluations: [String: URL] = [:]
            for (run, url) in try labelledArtifacts(runs, form: "RUN=STAGE", profile: profile.profile) { evaluations[run] = url }
            output.show(try LdsSummary.report(evaluations: evaluations), header: [("profile", profile.profile)])
        }
    }
}

struct RecallSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cr",
        abstract: "The numbers behind paper 002's Findings 1-5 and Figs. 5-8: each metric on each evaluation set at the first and last checkpoint of pretraining and of both finetunings, the best held-out ICL value of each sweep run, each S / Div / M sweep cell, and the representation analyses at two Div levels.")

    @Option(help: "cr.evaluate stage of the pretraining run (Finding 1).") var pretrain = "cr-pretrain-eval"
    @Option(help: "cr.evaluate stage of the run finetuned on ICL sequences (Finding 2).") var icl = "cr-ft-icl-eval"
    @Option(help: "cr.evaluate stage of the run finetuned on ICL+Grm sequences (Finding 3).") var grammar = "cr-ft-grm-eval"
    @Option(help: "cr.evaluate stages of the finetuning sweeps (Fig. 5), comma-separated.")
    var sweeps = "cr-ft-sweep-eval,cr-ft-sweep-s2-eval"
    @Option(help: "cr.grid stages of the S / Div / M sweeps (Figs. 6, 7), as LABEL=STAGE, comma-separated; empty for none.")
    var grids = "fig6=crg-fig6,fig7=crg-fig7"
    @Option(help: "cr.represent stages (Figs. 8, 16-18), as LABEL=STAGE, comma-separated; empty for none.")
    var representations = "div_low=cr-represent-d06,div_high=cr-represent"
    @OptionGroup var profile: ProfileOption
    @OptionGroup var output: SummaryOutput

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            func url(_ stage: String) throws -> URL { try engine.artifactURL(stage, profile: profile.profile) }
            let evaluations = RecallSummary.Evaluations(
                pretrain: try url(pretrain), finetuneICL: try url(icl), finetuneGrammar: try url(grammar),
                sweeps: try sweeps.split(separator: ",").map { (String($0), try url(String($0))) },
                grids: grids.isEmpty ? [] : try labelledArtifacts(grids, form: "LABEL=STAGE", profile: profile.profile),
                representations: representations.isEmpty ? [] : try labelledArtifacts(representations, form: "LABEL=STAGE", profile: profile.profile))
            output.show(try RecallSummary.report(evaluations), header: [("profile", profile.profile)])
        }
    }
}

struct RelationSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relation",
        abstract: "The numbers behind paper 002 §4 and App. C: PT accuracy after pretraining, the subject and relation heads' cosines with the constructions, ICL accuracy on finetuning and held-out subjects after finetuning, and held-out ICL accuracy against the distinct values seen in finetuning (Figs. 13, 14).")

    @Option(help: "cr.relation-analyze stages, as LABEL=STAGE, comma-separated.")
    var runs = "section4=cr4-analyze,appendix=cr4c-analyze,appendix_absolute=cr4c-abs-analyze"
    @Option(help: "cr.relation-sweep stages (Figs. 13, 14), as LABEL=STAGE, comma-separated; empty for none.")
    var sweeps = "values_m256=cr4-values-sweep,values_m2048=cr4m-values-sweep"
    @OptionGroup var profile: ProfileOption
    @OptionGroup var output: SummaryOutput

    func run() throws {
        try reportingErrors {
            let analyses = try labelledArtifacts(runs, form: "LABEL=STAGE", profile: profile.profile)
            let sweeps = self.sweeps.isEmpty ? [] : try labelledArtifacts(self.sweeps, form: "LABEL=STAGE", profile: profile.profile)
            output.show(try RelationSummary.report(analyses, sweeps: sweeps), header: [("profile", profile.profile)])
        }
    }
}

struct InductionSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "induction",
        abstract: "The numbers behind thesis ch. 4's claims: plateau and learning time, final accuracies, per-head induction strength, formation order and single-head accuracies, the path ablations, learning time alone and under each clamp, the progress measures, and the Fig. 4.9 worlds.")

    @Option(help: "induction.evaluate stage of the full run.") var main = "ind-main-eval"
    @Option(help: "induction.evaluate stage of the full runs with other seeds.") var seeds = "ind-main-seeds-eval"
    @Option(help: "induction.evaluate stage of the single-head runs.") var single = "ind-single-eval"
    @Option(help: "induction.evaluate stage of the clamp runs.") var clamp = "ind-clamp-eval"
    @Option(help: "induction.evaluate stage of the Fig. 4.9 runs in the base world.") var scaleBase = "ind-scale-c50-eval"
    @Option(help: "induction.evaluate stages of the Fig. 4.9 runs with more classes, comma-separated.") var scaleClasses = "ind-scale-c100-eval,ind-scale-c200-eval"
    @Option(help: "induction.evaluate stages of the Fig. 4.9 runs with more labels, comma-separated.") var scaleLabels = "ind-scale-l10-eval,ind-scale-l15-eval"
    @OptionGroup var profile: ProfileOption
    @OptionGroup var output: SummaryOutput

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            func url(_ stage: String) throws -> URL { try engine.artifactURL(stage, profile: profile.profile) }
            let scale = InductionSummary.Scale(base: try url(scaleBase), moreClasses: try scaleClasses.split(separator: ",").map { try url(String($0)) },
                                               moreLabels: try scaleLabels.split(separator: ",").map { try url(String($0)) })
            output.show(try InductionSummary.report(main: try url(main), seeds: try url(seeds), single: try url(single), clamp: try url(clamp),
                                                    scale: scale),
                        header: [("profile", profile.profile)])
        }
    }
}

struct TransienceSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transience",
        abstract: "The numbers behind paper 003's transformer claims: ICL and Flip peaks and their fall, CIWL and IWL at the end, the ablations beside the paper's, the matched, 1-layer, position-scheme and seed runs.")

    @Option(help: "transience.evaluate stage of the main run.") var main = "tr-main-eval"
    @Option(help: "transience.analyze stage of the main run.") var analysis = "tr-main-analyze"
    @Option(help: "transience.evaluate stage of the matched-exemplar run.") var matched = "tr-matched-eval"
    @Option(help: "transience.evaluate stage of the 1-layer run.") var oneLayer = "tr-1layer-eval"
    @Option(help: "transience.evaluate stage of the sinusoidal and RoPE runs.") var positions = "tr-positions-eval"
    @Option(help: "transience.evaluate stage of the runs with other seeds.") var seeds = "tr-seeds-eval"
    @OptionGroup var profile: ProfileOption
    @OptionGroup var output: SummaryOutput

    func run() throws {
        try reportingErrors {
            let engine = try makeEngine()
            func url(_ stage: String) throws -> URL { try engine.artifactURL(stage, profile: profile.profile) }
            output.show(try TransienceSummary.report(.init(main: try url(main), mainAnalysis: try url(analysis), matched: try url(matched),
                                                            oneLayer: try url(oneLayer), positions: try url(positions), seeds: try url(seeds))),
                         header: [("profile", profile.profile)])
        }
    }
}
