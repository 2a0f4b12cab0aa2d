import XCTest
import Artifacts
@testable import Pipeline

/// Writes `count` values `offset, offset+1, ...` to dataset `values`.
enum RampKind: StageKind {
    static let name = "test.ramp"
    static let version = 3
    static let summary = "an HDF5 ramp"
    static let parameters = [ParamSpec("count", .int, default: .int(4), help: "length"),
                             ParamSpec("offset", .double, default: .double(0), help: "first value")]
    static let inputs: [InputSpec] = []
    static let outputs = ["ramp"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        let count = context.params.int("count"), offset = context.params.double("offset")
        let file = try ArtifactFile.create(context.output("ramp"))
        try file.write("values", (0..<count).map { offset + Double($0) }, shape: [count])
        file.close()
    }
}

/// The sum of every input ramp's values.
enum TotalKind: StageKind {
    static let name = "test.total"
    static let version = 1
    static let summary = "sums HDF5 ramps"
    static let parameters: [ParamSpec] = []
    static let inputs = [InputSpec("ramps", multiple: true, help: "ramps")]
    static let outputs = ["total"]
    static func run(_ context: StageContext) throws {
        RunLog.record(context.stageName)
        var total = 0.0
        for url in context.inputs["ramps"]! {
            let file = try ArtifactFile.open(url)
            total += try file.read("values", as: Double.self).values.reduce(0, +)
            file.close()
        }
        let out = try ArtifactFile.create(context.output("total"))
        try out.write("total", [total], shape: [1])
        out.close()
    }
}

final class HDF5PipelineTests: XCTestCase {
    func testProvenanceIsStampedAndIdenticalRerunsKeepDigests() throws {
        RunLog.reset()
        let repo = try ScratchRepo()
        try repo.write("""
        stages:
          ramp:
            uses: test.ramp
            foreach: { offset: [0, 10] }
          total:
            uses: test.total
            needs: { ramps: "ramp[*]" }
        """)
        let engine = Engine(root: repo.root, registry: StageRegistry([RampKind.self, TotalKind.self]), sealer: HDF5Sealer(),
                            toolVersion: "test", progress: nil) { _ in }
        try engine.repro(ReproOptions())
        let lock = try PipelineLock.read(engine.lockURL).profiles["default"]!

        let rampURL = try engine.artifactURL("ramp[offset=10.0]", profile: "default")
        let file = try ArtifactFile.open(rampURL)
        let provenance = try XCTUnwrap(try Provenance.read(from: file))
        file.close()
        XCTAssertEqual(provenance.stage, "ramp[offset=10.0]")
        XCTAssertEqual(provenance.kindVersion, 3)
        XCTAssertEqual(provenance.parametersJSON, #"{"count":4,"offset":10.0}"#)
        XCTAssertEqual(provenance.cacheKey, lock["ramp[offset=10.0]"]!.key)
        XCTAssertEqual(try ContentDigest.of(rampURL), lock["ramp[offset=10.0]"]!.outputs["ramp"])

        let totalURL = try engine.artifactURL("total", profile: "default")
        let totalFile = try ArtifactFile.open(totalURL)
        XCTAssertEqual(try totalFile.read("total", as: Double.self).values, [6 + 46])
        XCTAssertEqual(try Provenance.read(from: totalFile)?.inputDigests.keys.sorted(), ["ramps[0]", "ramps[1]"])
        totalFile.close()

        var force = ReproOptions()
        force.targets = ["ramp"]
        force.force = true
        let rerun = try engine.repro(force)
        XCTAssertEqual(rerun.ran, ["ramp[offset=0.0]", "ramp[offset=10.0]"])
        XCTAssertEqual(RunLog.count("total"), 1, "new provenance, same data: the consumer stays cached")
        XCTAssertEqual(try PipelineLock.read(engine.lockURL).profiles["default"]!, lock)
    }
}

/// Publishes `figures/<name>.txt` holding the text `value`, the way the plot kind publishes
/// rendered figures.
enum PublishingKind: StageKind {
    static let name = "test.publish"
    static let version = 1
    static let summary = "publishes a text file into the working tree"
    static let parameters = [ParamSpec("value", .string, default: .string("a"), help: "the file's text"),
                             ParamSpec("path", .string, default: .string("figures/out.txt"), help: "where it goes")]
    static let inputs: [InputSpec] = []
    static let outputs = ["figure"]
    static func run(_ context: StageContext) throws {
        let file = try ArtifactFile.create(context.output("figure"))
        defer { file.close() }
        try file.publish(Array(context.params.string("value").utf8), as: "text", at: context.params.string("path"))
    }
}

/// A figure is written from its cache entry, after the entry is committed, and written back
/// whenever the working tree's copy is deleted or differs.
final class PublishedFileTests: XCTestCase {
    private var repo: ScratchRepo!
    private var lines: [String] = []

    override func setUpWithError() throws {
        repo = try ScratchRepo()
        try setValue("first")
    }

    private func setValue(_ value: String, path: String = "figures/out.txt") throws {
        try repo.write("stages:\n  fig:\n    uses: test.publish\n    params: { value: \(value), path: \"\(path)\" }\n")
    }

    private var engine: Engine {
        Engine(root: repo.root, registry: StageRegistry([PublishingKind.self]), sealer: HDF5Sealer(), toolVersion: "test",
               progress: nil) { [unowned self] in self.lines.append($0) }
    }

    private var figure: URL { repo.root.appendingPathComponent("figures/out.txt") }
    private func text() throws -> String { try String(contentsOf: figure, encoding: .utf8) }

    func testDeletedOrEditedFiguresAreReportedAndRestored() throws {
        try engine.repro(ReproOptions())
        XCTAssertEqual(try text(), "first")
        try FileManager.default.removeItem(at: figure)
        XCTAssertEqual(try engine.status(profile: "default").first?.drifted, ["figures/out.txt"])
        lines = []
        try engine.repro(ReproOptions())
        XCTAssertEqual(lines.first, "fig: cached; restored figures/out.txt from the cache")
        XCTAssertEqual(try text(), "first")
        try "edited".write(to: figure, atomically: true, encoding: .utf8)
        XCTAssertEqual(try engine.status(profile: "default").first?.drifted, ["figures/out.txt"])
        try engine.repro(ReproOptions())
        XCTAssertEqual(try text(), "first")
        XCTAssertEqual(try engine.status(profile: "default").first?.drifted, [])
    }

    func testRevertingAChangeBringsBackTheOldFigure() throws {
        try engine.repro(ReproOptions())
        try setValue("second")
        try engine.repro(ReproOptions())
        XCTAssertEqual(try text(), "second")
        try setValue("first")
        try engine.repro(ReproOptions())
        XCTAssertEqual(try text(), "first", "the old entry is cached: its figure comes back with it")
    }

    func testPublishedPathsCannotLeaveTheRepository() throws {
        try setValue("x", path: "../../outside.txt")
        XCTAssertThrowsError(try engine.repro(ReproOptions())) { error in
            XCTAssertTrue("\(error)".contains("publishes ../../outside.txt, which is outside the repository"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.root.appendingPathComponent("../../outside.txt").standardizedFileURL.path))
    }
}
