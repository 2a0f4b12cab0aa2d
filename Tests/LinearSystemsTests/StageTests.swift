import XCTest
import Artifacts
import Pipeline
@testable import LinearSystems

final class StageTests: XCTestCase {
    private var harness: StageHarness!

    override func setUpWithError() throws { harness = try StageHarness() }
    override func tearDown() { harness = nil }

    private func runLibrary(_ file: String, seed: Int) throws -> URL { try harness.library(file, seed: seed) }

    func testLibraryArtifactRoundTripsAndIsDeterministic() throws {
        let a = try runLibrary("a.h5", seed: 1), b = try runLibrary("b.h5", seed: 1), c = try runLibrary("c.h5", seed: 2)
        let fa = try ArtifactFile.open(a), fb = try ArtifactFile.open(b), fc = try ArtifactFile.open(c)
        XCTAssertEqual(try fa.shape("train/states"), [16, 251, 5])
        XCTAssertEqual(try fa.shape("test/states"), [3, 4, 20, 5])
        XCTAssertEqual(try fa.shape("test/systems"), [3, 5, 5])
        XCTAssertEqual(try fa.read("train/states", as: Float.self).values, try fb.read("train/states", as: Float.self).values)
        XCTAssertNotEqual(try fa.read("train/states", as: Float.self).values, try fc.read("train/states", as: Float.self).values)
        let train = try SystemLibrary.read(from: fa, group: "train"), test = try SystemLibrary.read(from: fa, group: "test")
        XCTAssertEqual(train.systemCount, 16); XCTAssertEqual(train.length, 251); XCTAssertEqual(train.initialStates, 1)
        XCTAssertEqual(test.initialStates, 4); XCTAssertEqual(test.length, 20)
        XCTAssertEqual(try fa.read("test/states", as: Float.self).values, try fb.read("test/states", as: Float.self).values)
        XCTAssertEqual(try fa.read("train/systems", as: Double.self).values, try fb.read("train/systems", as: Double.self).values)
    }

    func testTraceStatsWritesFigureTablesAndChecks() throws {
        let library = try runLibrary("lib.h5", seed: 1)
        try TraceStatsStage.run(harness.context(TraceStatsStage.self, ["traces": .int(20_000)], inputs: ["library": [library]],
                                                output: "stats", file: "stats.h5"))
        let f = try ArtifactFile.open(harness.url("stats.h5"))
        for (name, columns) in [("systems", 7), ("cuts", 3), ("appearances", 2), ("candidates", 2)] {
            let shape = try f.shape("tables/" + name)
            XCTAssertEqual(shape[1], columns)
            guard case .string(let names)? = try f.attribute("columns", at: "tables/" + name) else { return XCTFail(name) }
            XCTAssertEqual(names.split(separator: " ").count, columns)
        }
        let systems = try f.read("tables/systems", as: Double.self)
        XCTAssertEqual(systems.shape, [25, 7])
        XCTAssertEqual(systems.values[1], 0.4512, accuracy: 1e-4)       // Zipf P(1)
        XCTAssertEqual(systems.values[4], 1, accuracy: 1e-12)           // Zipf CCDF at 1
        guard case .double(let share)? = try f.attribute("recall19_share") else { return XCTFail("recall19_share") }
        XCTAssertLessThan(share, 0.01)
        guard case .int(let traces)? = try f.attribute("traces") else { return XCTFail("traces") }
        XCTAssertEqual(traces, 20_000)
    }
}
