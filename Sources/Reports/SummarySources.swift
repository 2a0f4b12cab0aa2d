import ContextualRecall
import Coopetition
import Foundation
import Induction
import LinearSystems
import Pipeline
import Transience

/// Every summary the claims stage can read, in the order of `toyworld summary`'s subcommands.
enum SummarySources {
    static let all: [SummarySource.Type] = [TraceStatsSource.self, LdsSource.self, CoopSource.self, RecallSource.self,
                                            RelationSource.self, InductionSource.self, TransienceSource.self]
}

/// `toyworld summary traces`.
enum TraceStatsSource: SummarySource {
    static let name = "traces"
    static let roles = [InputSpec("data", help: "the lds.trace-stats artifact")]
    static func report(_ artifacts: [String: [URL]]) throws -> SummaryReport { try TraceStatsSummary.report(one(artifacts, "data")) }
}

/// `toyworld summary lds`: any of the runs R1-R5.
enum LdsSource: SummarySource {
    static let name = "lds"
    static let roles = (1...5).map { InputSpec("r\($0)", optional: true, help: "lds.evaluate artifact of run R\($0)") }
    static func report(_ artifacts: [String: [URL]]) throws -> SummaryReport {
        var evaluations: [String: URL] = [:]
        for (role, urls) in artifacts { evaluations[role.uppercased()] = urls.first }
        return try LdsSummary.report(evaluations: evaluations)
    }
}

/// `toyworld summary coop`, for the transient setting (mu1) and optionally its control (mu0).
enum CoopSource: SummarySource {
    static let name = "coop"
    static let roles = [InputSpec("mu1", multiple: true, help: "coop.simulate runs with mu1 > 0 (one per seed)"),
                        InputSpec("mu0", multiple: true, optional: true, help: "coop.simulate runs with mu1 = 0, the control")]
    static func report(_ artifacts: [String: [URL]]) throws -> SummaryReport {
        var r = SummaryReport()
        for role in ["mu1", "mu0"] {
            guard let urls = artifacts[role] else { continue }
            r.fact(role, try CoopSummary.report(artifacts: urls).json)
        }
        return r
    }
}

/// `toyworld summary cr`; sweeps are numbered from 1 in the order of `needs`.
enum RecallSource: SummarySource {
    static let name = "cr"
    static let roles = [InputSpec("pretrain", optional: true, help: "cr.evaluate artifact of pretraining"),
                        InputSpec("icl", optional: true, help: "cr.evaluate artifact of the ICL finetuning"),
                        InputSpec("grammar", optional: true, help: "cr.evaluate artifact of the ICL+Grm finetuning"),
                        InputSpec("sweeps", multiple: true, optional: true, help: "cr.evaluate artifacts of finetuning sweeps"),
                        InputSpec("fig6", optional: true, help: "cr.grid artifact of the S x Div sweep (Fig. 6)"),
                        InputSpec("fig7", optional: true, help: "cr.grid artifact of the M x Div sweep (Fig. 7)"),
                        InputSpec("div_low", optional: true, help: "cr.represent artifact of the lower Div level (Figs. 8, 16-18)"),
                        InputSpec("div_high", optional: true, help: "cr.represent artifact of the higher Div level")]
    static func report(_ artifacts: [String: [URL]]) throws -> SummaryReport {
        let sweeps = (artifacts["sweeps"] ?? []).enumerated().map { (stage: String($0.offset + 1), url: $0.element) }
        return try RecallSummary.report(.init(pretrain: artifacts["pretrain"]?.first, finetuneICL: artifacts["icl"]?.first,
                                              finetuneGrammar: artifacts["grammar"]?.first, sweeps: sweeps,
                                              grids: labelled(artifacts, ["fig6", "fig7"]),
                                              representations: labelled(artifacts, ["div_low", "div_high"])))
    }
}

/// `toyworld summary relation`: any of the §4 and App. C run pairs, and the Figs. 13/14 sweeps.
enum RelationSource: SummarySource {
    static let name = "relation"
    static let analyses = [InputSpec("section4", optional: true, help: "cr.relation-analyze artifact of the §4 run pair (M_1 = 32)"),
                           InputSpec("appendix", optional: true, help: "cr.relation-analyze artifact of App. C's run pair (M_1 = 256, relative keys)"),
                           InputSpec("appendix_absolute", optional: true, help: "cr.relation-analyze artifact of App. C's absolute-key run pair")]
    static let sweeps = [InputSpec("values_m256", optional: true, help: "cr.relation-sweep artifact of Figs. 13/14 pretrained on 256 subjects"),
                         InputSpec("values_m2048", optional: true, help: "cr.relation-sweep artifact of Figs. 13/14 pretrained on 2048 subjects")]
    static let roles = analyses + sweeps
    static func report(_ artifacts: [String: [URL]]) throws -> SummaryReport {
        try RelationSummary.report(labelled(artifacts, analyses.map(\.name)), sweeps: labelled(artifacts, sweeps.map(\.name)))
    }
}

/// `toyworld summary induction`.
enum InductionSource: SummarySource {
    static let name = "induction"
    static let roles = [InputSpec("main", help: "induction.evaluate artifact of the full run"),
                        InputSpec("seeds", help: "induction.evaluate artifact of the runs with other seeds"),
                        InputSpec("single", help: "induction.evaluate artifact of the single-head runs"),
                        InputSpec("clamp", help: "induction.evaluate artifact of the clamp runs"),
                        InputSpec("scale_base", optional: true, help: "induction.evaluate artifact of the Fig. 4.9 runs in the base world"),
                        InputSpec("scale_classes", multiple: true, optional: true, help: "the same in worlds with more classes"),
                        InputSpec("scale_labels", multiple: true, optional: true, help: "the same in worlds with more labels")]
    static func report(_ artifacts: [String: [URL]]) throws -> SummaryReport {
        let scale = artifacts["scale_base"]?.first.map {
            InductionSummary.Scale(base: $0, moreClasses: artifacts["scale_classes"] ?? [], moreLabels: artifacts["scale_labels"] ?? [])
        }
        return try InductionSummary.report(main: one(artifacts, "main"), seeds: one(artifacts, "seeds"),
                                           single: one(artifacts, "single"), clamp: one(artifacts, "clamp"), scale: scale)
    }
}

/// `toyworld summary transience`.
enum TransienceSource: SummarySource {
    static let name = "transience"
    static let roles = [InputSpec("main", help: "transience.evaluate artifact of the main run"),
                        InputSpec("analysis", help: "transience.analyze artifact of the main run"),
                        InputSpec("matched", help: "transience.evaluate artifact of the matched-exemplar run"),
                        InputSpec("one_layer", help: "transience.evaluate artifact of the 1-layer run"),
                        InputSpec("positions", help: "transience.evaluate artifact of the sinusoidal and RoPE runs"),
                        InputSpec("seeds", help: "transience.evaluate artifact of the runs with other seeds")]
    static func report(_ artifacts: [String: [URL]]) throws -> SummaryReport {
        try TransienceSummary.report(.init(main: one(artifacts, "main"), mainAnalysis: one(artifacts, "analysis"),
                                           matched: one(artifacts, "matched"), oneLayer: one(artifacts, "one_layer"),
                                           positions: one(artifacts, "positions"), seeds: one(artifacts, "seeds")))
    }
}
