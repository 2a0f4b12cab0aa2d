import XCTest
import Artifacts
import Pipeline
@testable import LinearSystems

final class EvaluateStageTests: XCTestCase {
    private var harness: StageHarness!

    override func setUpWithError() throws { harness = try StageHarness() }
    override func tearDown() { harness = nil }

    private func evaluate(_ run: URL, library: URL, file: String) throws -> ArtifactFile {
        try EvaluateStage.run(harness.context(EvaluateStage.self, ["train_systems": .int(8), "configs": .int(3), "states": .int(4),
                                                                  "recall_n": .list([.int(1), .int(2)])],
                                              inputs: ["run": [run], "library": [library]], output: "evaluation", file: file))
        return try ArtifactFile.open(harness.url(file))
    }

    func testQuartileTablesForEveryCheckpointAndSet() throws {
        let library = try harness.library("library.h5", seed: 4)
        let r1 = try harness.train("r1.h5", work: "r1", library: library, ["keep_moments_at": .list([.int(32)])])
        let r2 = try harness.train("r2.h5", work: "r2", library: library, ["restart_at": .int(32), "mode": .string("masked-backstory")],
                                   from: r1)
        let e1 = try evaluate(r1, library: library, file: "e1.h5"), e2 = try evaluate(r2, library: library, file: "e2.h5")
        for (name, indices) in [("train", 8), ("train_backstory", 8), ("heldout", 8), ("recall_n1", 2), ("recall_n2", 2)] {
            let t1 = try e1.read("tables/" + name, as: Double.self), t2 = try e2.read("tables/" + name, as: Double.self)
            XCTAssertEqual(t1.shape, [5, 1 + 6 * indices], name)
            XCTAssertEqual(t2.shape, [3, 1 + 6 * indices], name)
            guard case .string(let columns)? = try e1.attribute("columns", at: "tables/" + name) else { return XCTFail(name) }
            XCTAssertEqual(columns.split(separator: " ").count, 1 + 6 * indices)
            let width = t1.shape[1]
            XCTAssertEqual((0..<5).map { t1.values[$0 * width] }, [0, 16, 32, 48, 64])
            for row in 0..<5 {
                for q in stride(from: 1, to: width, by: 3) {
                    let (a, b, c) = (t1.values[row * width + q], t1.values[row * width + q + 1], t1.values[row * width + q + 2])
                    XCTAssertTrue(a >= 0 && a <= b && b <= c && c.isFinite, "\(name) row \(row) column \(q)")
                }
                // The baseline is computed on the identical traces for every run.
                XCTAssertEqual(Array(t1.values[(row * width + 1 + 3 * indices)..<((row + 1) * width)]),
                               Array(t2.values[(1 + 3 * indices)..<width]), name)
            }
            if name.hasPrefix("recall") {
                XCTAssertEqual(t1.values[1 + 3 * indices + 1], 0, accuracy: 1e-6, "pseudoinverse recall median is 0")
            }
        }
        let early = try e1.read("tables/heldout", as: Double.self).values
        XCTAssertEqual(early[1 + 24 + 3 * 6 + 1], 0, accuracy: 1e-6, "pseudoinverse median at index 7")
        XCTAssertGreaterThan(early[1 + 24 + 1], 0.2, "pseudoinverse median at index 1 is chance")
        XCTAssertEqual(try e2.attribute("mode"), .string("masked"))
        XCTAssertEqual(try e2.attribute("restart_at"), .int(32))
    }
}
