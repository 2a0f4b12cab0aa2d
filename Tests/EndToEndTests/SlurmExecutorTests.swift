import Foundation
import XCTest

/// `repro --executor slurm` against a real SLURM (`.ci/slurm-up` starts a single-node one);
/// skipped where `sinfo` does not answer.
final class SlurmExecutorTests: XCTestCase {
    override func setUpWithError() throws {
        let sinfo = Process()
        sinfo.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sinfo.arguments = ["sinfo", "-h"]
        sinfo.standardOutput = FileHandle.nullDevice
        sinfo.standardError = FileHandle.nullDevice
        let answered = (try? sinfo.run()).map { sinfo.waitUntilExit(); return sinfo.terminationStatus == 0 } ?? false
        try XCTSkipUnless(answered, "no SLURM here (bash .ci/slurm-up starts one)")
    }

    /// Job ids in `text`'s "submitted as job N" lines.
    func submitted(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            line.range(of: "submitted as job ").map { String(line[$0.upperBound...].prefix { $0.isNumber }) }
        }
    }

    /// Waits until SLURM no longer lists any of `ids` as queued or running.
    func waitForJobs(_ ids: [String], sandbox: ToyworldSandbox, timeout: TimeInterval = 600) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let queue = try sandbox.run(URL(fileURLWithPath: "/usr/bin/env"), ["squeue", "-h", "-o", "%i", "-j", ids.joined(separator: ",")])
            if queue.stdout.split(separator: "\n").isEmpty { return }
            Thread.sleep(forTimeInterval: 1)
        }
        XCTFail("jobs \(ids) still queued or running after \(timeout) s")
    }

    func testSmokeProfileThroughSlurmRecordsTheDigestsOfALocalRunAndIsNotSubmittedTwice() throws {
        let cluster = try ToyworldSandbox(), local = try ToyworldSandbox()
        // `N of N stages stale`: every instance of the profile, none cached yet.
        let stale = try cluster.toyworld("status", "--profile", "smoke").stdout.split(separator: "\n").last!.split(separator: " ")
        let instances = try XCTUnwrap(Int(stale[2]))
        let first = try cluster.toyworld("repro", "--profile", "smoke", "--executor", "slurm")
        XCTAssertEqual(first.status, 0, first.stderr)
        let ids = submitted(first.stdout)
        // A stage whose twin (same key) finished while the rest were being submitted is cached.
        let cachedMeanwhile = first.stdout.split(separator: "\n").filter { $0.hasSuffix(": cached") }.count
        XCTAssertEqual(ids.count + cachedMeanwhile, instances, first.stdout)
        let second = try cluster.toyworld("repro", "--profile", "smoke", "--executor", "slurm")
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(submitted(second.stdout).count < instances, "what is queued or running is not submitted again: \(second.stdout)")
        XCTAssertTrue(second.stdout.contains("not submitted again") || second.stdout.contains(": cached"), second.stdout)
        try waitForJobs(ids + submitted(second.stdout), sandbox: cluster)

        let record = try cluster.toyworld("repro", "--profile", "smoke")
        XCTAssertEqual(record.status, 0, record.stderr)
        XCTAssertTrue(record.stdout.contains("nothing to do"), "every entry was committed by a job: \(record.stdout)")
        XCTAssertEqual(try local.toyworld("repro", "--profile", "smoke").status, 0)
        let lock = { (sandbox: ToyworldSandbox) in try String(contentsOf: sandbox.root.appendingPathComponent("pipeline.lock"), encoding: .utf8) }
        XCTAssertEqual(try lock(cluster), try lock(local), "every stage's cache key and output digests")
    }

    func testACancelledJobIsReportedAndResubmitted() throws {
        let sandbox = try ToyworldSandbox()
        try sandbox.writePipeline(stages: """
        slow:
          uses: coop.simulate
          params: { iterations: 4000000 }
        """)
        let first = try sandbox.toyworld("repro", "--profile", "smoke", "--executor", "slurm")
        let id = try XCTUnwrap(submitted(first.stdout).first, first.stdout)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !(try sandbox.toyworld("status", "--profile", "smoke").stdout.contains("running as SLURM job \(id)")) {
            Thread.sleep(forTimeInterval: 0.5)
        }
        _ = try sandbox.run(URL(fileURLWithPath: "/usr/bin/env"), ["scancel", id])
        try waitForJobs([id], sandbox: sandbox)
        let status = try sandbox.toyworld("status", "--profile", "smoke")
        XCTAssertTrue(status.stdout.contains("failed: SLURM job \(id) ended CANCELLED"), status.stdout)

        let again = try sandbox.toyworld("repro", "--profile", "smoke", "--executor", "slurm")
        let resubmitted = try XCTUnwrap(submitted(again.stdout).first, again.stdout)
        XCTAssertNotEqual(resubmitted, id)
        try waitForJobs([resubmitted], sandbox: sandbox)
        let record = try sandbox.toyworld("repro", "--profile", "smoke")
        XCTAssertTrue(record.stdout.contains("slow: cached"), record.stdout)
    }
}
