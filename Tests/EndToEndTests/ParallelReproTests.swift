import Foundation
import XCTest

/// `repro -j N`: stages in their own processes give the artifacts a serial run gives, and a
/// failure stops what depends on it.
final class ParallelReproTests: XCTestCase {
    func testSmokeProfileWithFourJobsRecordsTheDigestsOfASerialRun() throws {
        let serial = try ToyworldSandbox(), parallel = try ToyworldSandbox()
        let one = try serial.toyworld("repro", "--profile", "smoke", "-j", "1")
        XCTAssertEqual(one.status, 0, one.stderr)
        let four = try parallel.toyworld("repro", "--profile", "smoke", "-j", "4")
        XCTAssertEqual(four.status, 0, four.stderr)
        XCTAssertTrue(four.stdout.contains("started (pid"), "stages ran in their own processes: \(four.stdout)")
        let lock = { (sandbox: ToyworldSandbox) in try String(contentsOf: sandbox.root.appendingPathComponent("pipeline.lock"), encoding: .utf8) }
        XCTAssertEqual(try lock(serial), try lock(parallel), "every stage's cache key and output digests")
        let again = try parallel.toyworld("repro", "--profile", "smoke", "-j", "4")
        XCTAssertTrue(again.stdout.contains("nothing to do"), again.stdout)
    }

    /// A sandbox whose pipeline has a failing plot `broken` with a stage downstream of it and an
    /// independent stage `fine` after it.
    func sandboxWithABrokenStage() throws -> ToyworldSandbox {
        let sandbox = try ToyworldSandbox()
        try sandbox.writePipeline(stages: """
        coop:
          uses: coop.simulate
          params: { iterations: 50 }
        broken:
          uses: plot
          needs: { data: coop }
          params: { script: figures/broken.gp, figure: broken }
        after-broken:
          uses: plot
          needs: { data: broken }
          params: { script: figures/fig-coop-05a.gp, figure: after-broken }
        fine:
          uses: plot
          needs: { data: coop }
          params: { script: figures/fig-coop-05a.gp, figure: fine }
        """)
        try "plot no_such_function(x)\n".write(to: sandbox.root.appendingPathComponent("figures/broken.gp"), atomically: true, encoding: .utf8)
        return sandbox
    }

    func testAFailedStageStopsWhatDependsOnIt() throws {
        let sandbox = try sandboxWithABrokenStage()
        let result = try sandbox.toyworld("repro", "--profile", "smoke", "-j", "2", "broken", "after-broken")
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("after-broken: not run: it depends on a stage that failed"), result.stdout)
    }

    func testAFailedStageStopsItsDownstreamAndIsNamedWhileKeepGoingRunsTheRest() throws {
        let sandbox = try sandboxWithABrokenStage()
        let result = try sandbox.toyworld("repro", "--profile", "smoke", "-j", "2", "--keep-going")
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("broken: failed (exit status 1)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("after-broken: not run"), result.stdout)
        XCTAssertTrue(result.stdout.contains("fine: ran in"), result.stdout)
        XCTAssertTrue(result.stderr.contains("1 stage failed: broken"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("data/logs/broken.log").path))

        let status = try sandbox.toyworld("status", "--profile", "smoke")
        XCTAssertTrue(status.stdout.contains("fine") && status.stdout.contains("coop"), status.stdout)
        let lock = try String(contentsOf: sandbox.root.appendingPathComponent("pipeline.lock"), encoding: .utf8)
        XCTAssertTrue(lock.contains("fine"), "what ran is recorded despite the failure: \(lock)")
        XCTAssertFalse(lock.contains("after-broken"), lock)
    }

    func testRunStageNeedsItsInputsInTheCache() throws {
        let sandbox = try ToyworldSandbox()
        let early = try sandbox.toyworld("run-stage", "fig05", "--profile", "smoke")
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("needs lds-library, which is not in the cache"), early.stderr)
        XCTAssertEqual(try sandbox.toyworld("run-stage", "lds-library", "--profile", "smoke").status, 0)
        let fanOut = try sandbox.toyworld("run-stage", "coop-mu1", "--profile", "smoke")
        XCTAssertTrue(fanOut.stderr.contains("fans out into 12 instances"), fanOut.stderr)
    }

    /// A pipeline with two names for one computation: one cache key.
    func sandboxWithTwins(iterations: Int) throws -> ToyworldSandbox {
        let sandbox = try ToyworldSandbox()
        try sandbox.writePipeline(stages: """
        first:
          uses: coop.simulate
          params: { iterations: \(iterations) }
        twin:
          uses: coop.simulate
          params: { iterations: \(iterations) }
        """)
        return sandbox
    }

    /// Under `-j` the second of two stages with one key waits for the first's commit instead of
    /// writing the same entry at the same time.
    func testStagesWithOneCacheKeyDoNotRunAtOnce() throws {
        let sandbox = try sandboxWithTwins(iterations: 20000)
        let result = try sandbox.toyworld("repro", "--profile", "smoke", "-j", "2")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout.components(separatedBy: "started (pid").count - 1, 1, "one process for both: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("first: cached") || result.stdout.contains("twin: cached"), result.stdout)
    }

    /// The same for jobs the coordinator cannot see coming (a cluster's jobs, whose keys are only
    /// known once their inputs exist): run-stage takes a lock per key.
    func testTwoRunStagesOfOneKeyAtOnceComputeItOnce() throws {
        let sandbox = try sandboxWithTwins(iterations: 400000)
        var results: [ToyworldSandbox.Result?] = [nil, nil]
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let result = try? sandbox.toyworld("run-stage", i == 0 ? "first" : "twin", "--profile", "smoke")
            lock.lock(); results[i] = result; lock.unlock()
        }
        let outputs = results.compactMap { $0 }
        XCTAssertEqual(outputs.map(\.status), [0, 0], outputs.map(\.stderr).joined())
        XCTAssertEqual(outputs.filter { $0.stdout.contains(": ran in") }.count, 1, outputs.map(\.stdout).joined())
        XCTAssertEqual(outputs.filter { $0.stdout.contains(": cached") }.count, 1, outputs.map(\.stdout).joined())
    }
}
