import XCTest
import Artifacts
@testable import Pipeline

/// `--set` experiments: which instances they change, where their figures go, what they record,
/// and that pipeline.lock never moves.
final class ExperimentTests: XCTestCase {
    private func plan(_ repo: ScratchRepo, _ assignments: [String], profile: String = "default") throws -> Plan {
        let engine = repo.engine()
        engine.experiment = try Experiment(name: nil, assignments: assignments)
        return try engine.plan(profile: profile)
    }

    func testAnOverrideChangesItsStageAndEverythingDownstreamOnly() throws {
        let repo = try ScratchRepo()
        try repo.write(fanInPipeline)
        let plan = try plan(repo, ["src.value=2"])
        XCTAssertEqual(plan["src"]?.params.int("value"), 2)
        XCTAssertEqual(plan.instances.filter(\.changedByCommandLine).map(\.name), ["src", "parity", "total"])
        // The profile's own value is no change at all; the last assignment of a parameter wins.
        XCTAssertEqual(try self.plan(repo, ["src.value=5"], profile: "smoke").instances.filter(\.changedByCommandLine).count, 0)
        XCTAssertEqual(try self.plan(repo, ["src.value=3", "src.value=1"]).instances.filter(\.changedByCommandLine).count, 0)
        // A glob reaches every matching stage that takes the parameter, fan-out instances included.
        let globbed = try self.plan(repo, ["s*.size=7"])
        XCTAssertEqual(globbed.instances.filter { $0.params.values["size"] == .int(7) }.map(\.name),
                       ["src", "seeds[value=1]", "seeds[value=2]", "seeds[value=3]"])
    }

    func testBadAssignmentsAreRefusedWithTheAssignmentNamed() throws {
        let repo = try ScratchRepo()
        try repo.write(fanInPipeline)
        let cases: [(String, String)] = [
            ("src.value", "--set: src.value must have the form <stage>.<param>=<value>"),
            ("nosuch.value=1", "--set: nosuch.value=1 names unknown stage nosuch"),
            ("src.colour=1", "--set: src.colour=1: unknown parameter colour"),
            ("src.value=abc", "--set: src.value=abc: parameter value expects int, found string \"abc\""),
            ("src.mode=c", "--set: src.mode=c: parameter mode must be one of a|b, found c"),
            ("seeds.value=4", "--set: seeds.value=4 sets a fan-out parameter of seeds"),
            ("p*.size=2", "--set: p*.size=2: no stage that p* matches (parity) takes a parameter size"),
            ("src.value=", "--set: src.value=: the value is empty"),
        ]
        for (assignment, expected) in cases {
            XCTAssertThrowsError(try plan(repo, [assignment]), assignment) { error in
                XCTAssertTrue("\(error)".hasPrefix(expected), "\(assignment): \(error)")
            }
        }
        XCTAssertThrowsError(try Experiment(name: "../escape", assignments: ["src.value=2"]))
        XCTAssertEqual(Experiment.derivedName(["src.value=2", "s*.size=[1, 2]"]), "src.value-2+s-.size--1--2-")
        let long = Experiment.derivedName((0..<20).map { "stage\($0).param=\($0)" })
        XCTAssertEqual(long.count, 61)
        XCTAssertNotEqual(long, Experiment.derivedName((0..<20).map { "stage\($0).param=\($0 + 1)" }))
    }

    func testProfilesAcceptGlobsAndLaterKeysWin() throws {
        let repo = try ScratchRepo()
        try repo.write(fanInPipeline.replacingOccurrences(of: "smoke: { src.value: 5 }", with: "smoke: { \"s*.size\": 7, src.size: 9 }"))
        let plan = try repo.engine().plan(profile: "smoke")
        XCTAssertEqual(plan["src"]?.params.int("size"), 9)
        XCTAssertEqual(plan["seeds[value=2]"]?.params.int("size"), 7)
        try repo.write(fanInPipeline.replacingOccurrences(of: "smoke: { src.value: 5 }", with: "smoke: { \"x*.size\": 7 }"))
        XCTAssertThrowsError(try repo.engine().plan(profile: "smoke")) {
            XCTAssertTrue("\($0)".hasPrefix("pipeline.yaml:2: profile smoke: override x*.size: x* matches no stage"), "\($0)")
        }
    }
}

/// An experiment run end to end on artifacts with provenance and published figures.
final class ExperimentRunTests: XCTestCase {
    private var repo: ScratchRepo!

    override func setUpWithError() throws {
        repo = try ScratchRepo()
        try repo.write("""
        stages:
          fig:
            uses: test.publish
            params: { value: first, path: "figures/out.txt" }
          other:
            uses: test.publish
            params: { value: kept, path: "figures/other.txt" }
        """)
    }

    private func engine(_ assignments: [String] = [], name: String? = nil) throws -> Engine {
        let engine = Engine(root: repo.root, registry: StageRegistry([PublishingKind.self]), sealer: HDF5Sealer(),
                            toolVersion: "test", progress: nil) { _ in }
        if !assignments.isEmpty { engine.experiment = try Experiment(name: name, assignments: assignments) }
        return engine
    }

    private func text(_ path: String) -> String? {
        try? String(contentsOf: repo.root.appendingPathComponent(path), encoding: .utf8)
    }

    func testAnExperimentWritesItsOwnFiguresAndRecordAndLeavesTheLockAlone() throws {
        try engine().repro(ReproOptions())
        let lock = try Data(contentsOf: repo.root.appendingPathComponent("pipeline.lock"))

        let experiment = try engine(["fig.value=second"], name: "try-second")
        try experiment.repro(ReproOptions())
        XCTAssertEqual(try Data(contentsOf: repo.root.appendingPathComponent("pipeline.lock")), lock)
        XCTAssertEqual(text("figures/out.txt"), "first", "the profile's figure stands")
        XCTAssertEqual(text("figures/exp/try-second/out.txt"), "second")
        XCTAssertNil(text("figures/exp/try-second/other.txt"), "an unchanged figure is not copied")

        let record = try XCTUnwrap(try ExperimentRecord.read("try-second", in: experiment.dataDirectory))
        XCTAssertEqual(record.assignments, ["fig.value=second"])
        XCTAssertEqual(record.changed, ["fig"])
        XCTAssertEqual(Set(record.keys.keys), ["fig", "other"])

        // Its artifact says which experiment made it; the shared one does not.
        let changed = try ArtifactFile.open(experiment.cache.outputURL(key: record.keys["fig"]!, output: "figure"))
        XCTAssertEqual(try Provenance.read(from: changed)?.experiment, #"{"name":"try-second","set":["fig.value=second"]}"#)
        let shared = try ArtifactFile.open(experiment.cache.outputURL(key: record.keys["other"]!, output: "figure"))
        XCTAssertNil(try Provenance.read(from: shared)?.experiment)

        XCTAssertEqual(try experiment.status(profile: "default").map(\.changedByExperiment), [true, false])
        XCTAssertEqual(try experiment.artifactURL("fig", profile: "default"), experiment.cache.outputURL(key: record.keys["fig"]!, output: "figure"))

        // gc keeps what the experiment refers to until it is removed.
        XCTAssertEqual(try engine().collectGarbage(revisions: 0, delete: false).entries.count, 0)
        try engine().removeExperiment("try-second")
        XCTAssertNil(text("figures/exp/try-second/out.txt"))
        XCTAssertEqual(try engine().collectGarbage(revisions: 0, delete: false).entries.map(\.url.lastPathComponent), [record.keys["fig"]!])
        XCTAssertThrowsError(try engine().removeExperiment("try-second")) {
            XCTAssertTrue("\($0)".hasPrefix("no experiment named try-second"), "\($0)")
        }
    }
}
