import XCTest
@testable import Pipeline

final class EngineTests: XCTestCase {
    private var repo: ScratchRepo!

    override func setUpWithError() throws {
        RunLog.reset()
        repo = try ScratchRepo()
        try repo.write(fanInPipeline)
    }

    func testFanOutAndProfileResolveIntoInstances() throws {
        let plan = try repo.engine().plan(profile: "smoke")
        XCTAssertEqual(plan.instances.map(\.name), ["src", "parity", "seeds[value=1]", "seeds[value=2]", "seeds[value=3]", "total"])
        XCTAssertEqual(plan["src"]!.params.int("value"), 5)
        XCTAssertEqual(plan["src"]!.params.double("scale"), 1)
        XCTAssertEqual(plan["seeds[value=2]"]!.params.int("value"), 2)
        XCTAssertEqual(plan["total"]!.inputs[0].artifacts.map(\.description),
                       ["seeds[value=1]@data", "seeds[value=2]@data", "seeds[value=3]@data", "parity@parity"])
        XCTAssertEqual(try plan.selection(["parity"], downstream: false).map(\.name), ["src", "parity"])
        XCTAssertEqual(try plan.selection(["src"], downstream: true).map(\.name), ["src", "parity", "seeds[value=1]", "seeds[value=2]", "seeds[value=3]", "total"])
    }

    func testSecondRunIsAllCachedAndForceRerunsOnlyNamedStages() throws {
        let first = try repo.repro()
        XCTAssertEqual(first.ran.count, 6)
        let work = repo.engine().dataDirectory.appendingPathComponent("work").path
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work), [], "work directories go after success")
        let total = try repo.engine().artifactURL("total", profile: "default")
        XCTAssertEqual(try readNumber(total), 3 + 6 + 9 + 1)
        repo.lines = []
        let second = try repo.repro()
        XCTAssertEqual(second.ran, [])
        XCTAssertEqual(RunLog.count("src"), 1)
        XCTAssertTrue(repo.lines.last!.hasPrefix("nothing to do: all 6 stages up to date"), repo.lines.last!)
        let forced = try repo.repro(["src"], force: true)
        XCTAssertEqual(forced.ran, ["src"])
        XCTAssertEqual(RunLog.count("src"), 2)
        XCTAssertEqual(RunLog.count("parity"), 1, "an identical rerun must not invalidate consumers")
    }

    func testEarlyCutOffKeepsConsumerCached() throws {
        try repo.repro()
        try repo.write(try String(contentsOf: repo.root.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "params: { value: 1, size: 5 }", with: "params: { value: 3, size: 5 }"))
        let status = try repo.engine().status(profile: "default")
        XCTAssertEqual(status.first { $0.name == "src" }!.reasons, ["parameter value changed 1 -> 3"])
        XCTAssertEqual(status.first { $0.name == "parity" }!.reasons, ["upstream stale: src"])
        let rerun = try repo.repro()
        XCTAssertEqual(rerun.ran, ["src", "parity"], "15 and 5 are both odd: parity's output digest is unchanged, so total stays cached")
        XCTAssertEqual(RunLog.count("total"), 1)
    }

    func testStatusReasons() throws {
        XCTAssertEqual(try repo.engine().status(profile: "default").first!.reasons, ["new (not in pipeline.lock)"])
        try repo.repro()
        XCTAssertTrue(try repo.engine().status(profile: "default").allSatisfy { !$0.isStale && !$0.lockOutdated })
        let key = try PipelineLock.read(repo.engine().lockURL).profiles["default"]!["seeds[value=2]"]!.key
        try FileManager.default.removeItem(at: repo.engine().cache.entryDirectory(key))
        let status = try repo.engine().status(profile: "default")
        XCTAssertEqual(status.first { $0.name == "seeds[value=2]" }!.reasons, ["output missing from cache"])
        XCTAssertEqual(status.first { $0.name == "total" }!.reasons, ["upstream stale: seeds[value=2]"])
        let dry = try repo.repro(dryRun: true)
        XCTAssertEqual(dry.wouldRun, ["seeds[value=2]", "total"])
        XCTAssertTrue(repo.lines.contains("seeds[value=2]: would run (output missing from cache)"), "\(repo.lines)")
    }

    func testKindVersionBumpAndInputChangeAreReported() throws {
        try repo.repro()
        var lock = try PipelineLock.read(repo.engine().lockURL)
        lock.profiles["default"]!["src"]!.version = 0
        lock.profiles["default"]!["parity"]!.inputs["number"] = ["feed"]
        try lock.write(to: repo.engine().lockURL)
        let key = lock.profiles["default"]!["src"]!.key
        try FileManager.default.removeItem(at: repo.engine().cache.entryDirectory(key))
        let parityKey = lock.profiles["default"]!["parity"]!.key
        try FileManager.default.removeItem(at: repo.engine().cache.entryDirectory(parityKey))
        let status = try repo.engine().status(profile: "default")
        XCTAssertEqual(status.first { $0.name == "src" }!.reasons, ["kind version bumped v0 -> v1"])
        XCTAssertEqual(status.first { $0.name == "parity" }!.reasons, ["upstream stale: src"])
        try repo.repro(["src"])
        XCTAssertEqual(try repo.engine().status(profile: "default").first { $0.name == "parity" }!.reasons, ["input number changed"])
    }

    func testLockFileIsDeterministicAndProfilesAreSeparate() throws {
        try repo.repro()
        let first = repo.lockText
        XCTAssertTrue(first.hasSuffix("}\n"))
        XCTAssertTrue(first.contains("\n  \"profiles\": {\n    \"default\": {\n"), first)
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("data"))
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("pipeline.lock"))
        try repo.repro()
        XCTAssertEqual(repo.lockText, first, "same pipeline, same lock bytes")
        try repo.repro(["src"], profile: "smoke")
        let lock = try PipelineLock.read(repo.engine().lockURL)
        XCTAssertEqual(lock.profiles["smoke"]!.keys.sorted(), ["src"])
        XCTAssertEqual(lock.profiles["smoke"]!["src"]!.params["value"], .int(5))
        XCTAssertEqual(lock.profiles["default"]!.count, 6)
        XCTAssertEqual(try PipelineLock(data: Data(repo.lockText.utf8)), lock, "the lock round-trips")
    }

    func testFailingStageLeavesNoCacheEntryAndKeepsLockValid() throws {
        try repo.write("""
        stages:
          src:
            uses: test.source
          crash:
            uses: test.failing
            needs: { number: src }
        """)
        XCTAssertThrowsError(try repo.repro()) { error in
            XCTAssertTrue(String(describing: error).contains("stage crash failed: simulated crash at step 5"), "\(error)")
        }
        let engine = repo.engine()
        let entries = try FileManager.default.contentsOfDirectory(atPath: engine.cache.directory.path)
        XCTAssertEqual(entries.count, 1, "only src's entry: \(entries)")
        let lock = try PipelineLock.read(engine.lockURL)
        XCTAssertEqual(lock.profiles["default"]!.keys.sorted(), ["src"])
        let work = try FileManager.default.contentsOfDirectory(atPath: engine.dataDirectory.appendingPathComponent("work").path)
        XCTAssertEqual(work.count, 1, "the checkpoint survives for a resume")

        let stale = engine.cache.directory.appendingPathComponent("deadbeef.partial-99999")
        let live = engine.cache.partialDirectory("cafe")   // this (living) process on this host: a run-stage still writing
        let elsewhere = engine.cache.directory.appendingPathComponent("f00d.partial-othernode-1")
        for directory in [stale, live, elsewhere] { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        XCTAssertThrowsError(try repo.repro())
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "stale partial directories are removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.path), "a living process's partial stays")
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere.path), "another host's partial stays")
    }

    func testSecondReproRefusesOrWaitsWhileTheLockIsHeld() throws {
        try repo.repro()
        let holder = ReproLock(url: repo.engine().dataDirectory.appendingPathComponent("repro.lock"))
        try holder.acquire(wait: false) { _ in XCTFail("the lock was free") }
        var options = ReproOptions()
        options.wait = false
        XCTAssertThrowsError(try repo.engine().repro(options)) { error in
            XCTAssertEqual((error as? PipelineError)?.category, .busy)
            XCTAssertTrue(String(describing: error).contains("pid \(getpid())"), "\(error)")
        }
        let finished = expectation(description: "waiting repro finishes after release")
        let engine = repo.engine()
        DispatchQueue.global().async {
            do { try engine.repro(ReproOptions()) } catch { XCTFail("\(error)") }
            finished.fulfill()
        }
        Thread.sleep(forTimeInterval: 0.2)
        holder.release()
        wait(for: [finished], timeout: 10)
    }

    func testTargetsSelectUpstreamAndDownstreamOnRequest() throws {
        XCTAssertEqual(try repo.repro(["parity"]).ran, ["src", "parity"])
        XCTAssertEqual(try repo.repro(["seeds[value=2]"]).ran, ["seeds[value=2]"])
        XCTAssertEqual(try repo.repro(["seeds"], downstream: true).ran, ["seeds[value=1]", "seeds[value=3]", "total"])
        XCTAssertThrowsError(try repo.repro(["nope"])) { XCTAssertTrue("\($0)".contains("unknown stage nope"), "\($0)") }
    }

    func testKindCatalogListsParametersWithTypesAndDefaults() {
        let text = KindCatalog.describe(testRegistry)
        XCTAssertTrue(text.contains("test.source v1: writes value * size"), text)
        XCTAssertTrue(text.contains("  param  mode: string, default \"a\", one of a|b — a choice"), text)
        XCTAssertTrue(text.contains("  param  seed: int, required — required"), text)
        XCTAssertTrue(text.contains("  input  parts (list) — numbers"), text)
    }

    /// Finished stages leave no work folder; one left half-deleted by a kill (renamed aside)
    /// is removed by the next repro; outside git the engine says provenance cannot know the commit.
    func testWorkFoldersAreDiscardedWhole() throws {
        let work = repo.root.appendingPathComponent("data/work")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("0123.discarded/inner"), withIntermediateDirectories: true)
        try repo.repro()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path), [])
        XCTAssertEqual(repo.lines.filter { $0.contains("is not a git checkout") }.count, 1)
    }

    func testShowOfAFanOutStageOrANonStageSaysWhatToNameInstead() throws {
        try repo.repro()
        XCTAssertThrowsError(try repo.engine().artifactURL("seeds", profile: "default")) { error in
            XCTAssertEqual("\(error)", "stage seeds fans out into 3 instances; name one, e.g. seeds[value=1], seeds[value=2], seeds[value=3]")
        }
        XCTAssertThrowsError(try repo.engine().artifactURL("README.md", profile: "default")) { error in
            XCTAssertEqual("\(error)", "README.md is neither an .h5 file nor a stage of pipeline.yaml (toyworld dag lists the stages)")
        }
        XCTAssertNoThrow(try repo.engine().artifactURL("seeds[value=2]", profile: "default"))
    }

    func testNoOpReproIsFast() throws {
        try repo.repro()
        let start = Date()
        try repo.repro()
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.3)
    }
}
