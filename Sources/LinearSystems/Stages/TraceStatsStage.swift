import Artifacts
import Linalg
import Pipeline

/// `lds.trace-stats`: the six distributions of paper 000's Fig. 5 over sampled traces, as
/// figure tables, with the checks of issue 2 as root attributes.
///
/// Tables (Float64, `columns` attribute):
/// - `tables/systems` (a, c): k, Zipf PMF, sampled N PMF, unique-systems PMF, and their CCDFs P(X >= k);
/// - `tables/cuts` (b, d): cuts, PMF, CCDF P(C >= c);
/// - `tables/appearances` (e): times a segment's system appears in its trace, frequency per appearance;
/// - `tables/candidates` (f): previously seen systems to choose among (0 = first appearance), frequency.
/// Raw Int64 counts are kept under `counts/`.
public enum TraceStatsStage: StageKind {
    public static let name = "lds.trace-stats"
    public static let version = 1
    public static let summary = "Fig. 5 data statistics of the trace interleaver (N, unique systems, cuts, appearances, recall candidates)"
    public static let parameters: [ParamSpec] = [
        ParamSpec("traces", .int, default: .int(1_000_000), range: .closed(1, 1_000_000_000), help: "traces to sample (paper: 1e7)"),
        ParamSpec("seed", .int, default: .int(0), help: "random seed"),
    ]
    public static let inputs = [InputSpec("library", help: "lds.library output; its training-library size K")]
    public static let outputs = ["stats"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let librarySize: Int
        do {
            let library = try ArtifactFile.open(context.input("library"))
            defer { library.close() }
            librarySize = try library.shape("train/systems")[0]
        }
        let traces = p.int("traces")
        context.progress.start(total: traces, unit: "traces")
        let stats = TraceStatistics.collect(traces: traces, librarySize: librarySize,
                                            seed: RNG(seed: UInt64(bitPattern: Int64(p.int("seed")))),
                                            threads: context.threads,
                                            progress: { context.progress.advance(by: $0) })
        context.progress.finish()
        let file = try ArtifactFile.create(context.output("stats"))
        defer { file.close() }
        try write(stats, to: file)
    }

    static func write(_ s: TraceStatistics, to file: ArtifactFile) throws {
        let zipf = TracePlan.zipf.pmf
        let zipfCCDF = zipf.indices.map { k in zipf[k...].reduce(0, +) }
        let maxPMF = TraceStatistics.frequencies(s.maxSystems), uniquePMF = TraceStatistics.frequencies(s.uniqueSystems)
        let maxCCDF = TraceStatistics.ccdf(s.maxSystems), uniqueCCDF = TraceStatistics.ccdf(s.uniqueSystems)
        var systemRows: [[Double]] = []
        for k in 1...TraceLayout.maxSystems {
            let row: [Double] = [Double(k), zipf[k - 1], maxPMF[k], uniquePMF[k], zipfCCDF[k - 1], maxCCDF[k], uniqueCCDF[k]]
            systemRows.append(row)
        }
        try file.writeTable("systems", columns: ["k", "zipf_pmf", "max_pmf", "unique_pmf", "zipf_ccdf", "max_ccdf", "unique_ccdf"],
                           rows: systemRows)
        let lastCut = s.cuts.lastIndex { $0 > 0 } ?? 0
        let cutPMF = TraceStatistics.frequencies(s.cuts), cutCCDF = TraceStatistics.ccdf(s.cuts)
        try file.writeTable("cuts", columns: ["cuts", "pmf", "ccdf"],
                           rows: (0...lastCut).map { [Double($0), cutPMF[$0], cutCCDF[$0]] })
        let lastAppearance = s.appearances.lastIndex { $0 > 0 } ?? 1
        let appearances = TraceStatistics.frequencies(s.appearances)
        try file.writeTable("appearances", columns: ["times", "frequency"],
                           rows: (1...max(lastAppearance, 1)).map { [Double($0), appearances[$0]] })
        let candidates = TraceStatistics.frequencies(s.candidates)
        try file.writeTable("candidates", columns: ["candidates", "frequency"],
                           rows: candidates.indices.map { [Double($0), candidates[$0]] })

        for (name, counts) in [("max_systems", s.maxSystems), ("unique_systems", s.uniqueSystems), ("cuts", s.cuts),
                               ("appearances", s.appearances), ("candidates", s.candidates)] {
            try file.write("counts/" + name, counts.map(Int64.init), shape: [counts.count])
        }
        let (maxDev, chi) = s.zipfComparison
        let attributes: [(String, AttributeValue)] = [
            ("traces", .int(Int64(s.traces))),
            ("zipf_max_abs_dev", .double(maxDev)),
            ("zipf_chi_square", .double(chi)),
            ("recall19_share", .double(s.recall19Share)),
            ("recall19_share_of_recalls", .double(s.recall19ShareOfRecalls)),
            ("coincident_share", .double(s.coincidentShare)),
            ("adjacent_share", .double(s.adjacentShare)),
            ("one_gap_share", .double(s.oneGapShare)),
            ("mean_segments_after_dropping", .double(s.meanSegmentsAfterDropping)),
            ("mean_unique_systems", .double(s.meanUniqueSystems)),
            ("mean_unique_systems_after_dropping", .double(s.meanUniqueSystemsAfterDropping)),
        ]
        for (key, value) in attributes { try file.setAttribute(key, value) }
    }
}
