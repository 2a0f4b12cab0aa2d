import XCTest
@testable import Pipeline

final class LockDiffTests: XCTestCase {
    private func git(_ arguments: String..., at root: URL) throws {
        _ = try Git.run(["-c", "user.name=test", "-c", "user.email=test@example.com"] + arguments, at: root)
    }

    func testDiffOfTwoCommittedLockRevisions() throws {
        let repo = try ScratchRepo()
        try repo.write("stages:\n  src:\n    uses: test.source\n    params: { value: 1 }\n  parity:\n    uses: test.parity\n    needs: { number: src }\n")
        try repo.repro()
        try git("init", "-q", at: repo.root)
        try git("add", "pipeline.yaml", "pipeline.lock", at: repo.root)
        try git("commit", "-qm", "first", at: repo.root)
        try repo.write("stages:\n  src:\n    uses: test.source\n    params: { value: 2 }\n  parity:\n    uses: test.parity\n    needs: { number: src }\n")
        try repo.repro()

        let head = try PipelineLock.read(revision: "HEAD", root: repo.root)
        let working = try PipelineLock.read(revision: nil, root: repo.root)
        XCTAssertEqual(LockDiff(head, head, profile: "default").changes, [])
        let changes = LockDiff(head, working, profile: "default").changes.map(LockDiff.describe)
        XCTAssertEqual(changes.count, 3, "\(changes)")
        XCTAssertTrue(changes.contains("src: parameter value 1 -> 2"), "\(changes)")
        XCTAssertTrue(changes.contains { $0.hasPrefix("src@data: digest ") }, "\(changes)")
        XCTAssertTrue(changes.contains { $0.hasPrefix("parity@parity: digest ") }, "3 is odd, 6 is even: \(changes)")

        try git("commit", "-qam", "second", at: repo.root)
        let changesBetweenCommits = LockDiff(try PipelineLock.read(revision: "HEAD~1", root: repo.root),
                                             try PipelineLock.read(revision: "HEAD", root: repo.root), profile: "default").changes
        XCTAssertEqual(changesBetweenCommits.map(LockDiff.describe), changes)
        XCTAssertThrowsError(try PipelineLock.read(revision: "no-such-rev", root: repo.root))
    }

    func testDiffAgainstTheWorkingTreeComparesTheCurrentPlanInDagOrder() throws {
        let repo = try ScratchRepo()
        // parity comes first in the file; the DAG puts src, its cause, first in the report.
        let yaml = { (value: Int) in
            "stages:\n  parity:\n    uses: test.parity\n    needs: { number: src }\n  src:\n    uses: test.source\n    params: { value: \(value) }\n"
        }
        try repo.write(yaml(1))
        try repo.repro()
        try git("init", "-q", at: repo.root)
        try git("add", "pipeline.yaml", "pipeline.lock", at: repo.root)
        try git("commit", "-qm", "first", at: repo.root)
        // pipeline.yaml edited, repro not run: the working tree's pipeline.lock is stale.
        try repo.write(yaml(2))
        let engine = repo.engine()
        let order = try engine.plan(profile: "default").instances.map(\.name)
        XCTAssertEqual(order, ["src", "parity"])
        let head = try engine.lock(atRevision: "HEAD", profile: "default")
        XCTAssertTrue(LockDiff(head, try PipelineLock.read(revision: nil, root: repo.root), profile: "default").isEmpty)
        var diff = LockDiff(head, try engine.plannedLock(profile: "default"), profile: "default", order: order)
        XCTAssertEqual(diff.settingChanges.map(LockDiff.describe), ["src: parameter value 1 -> 2"])
        XCTAssertEqual(diff.outputChanges.map(LockDiff.describe).map { $0.components(separatedBy: ": ")[0] }, ["src@data", "parity@parity"])
        for line in diff.outputChanges.map(LockDiff.describe) {
            let stage = line.prefix { $0 != "@" }
            XCTAssertTrue(line.hasSuffix("not computed yet (toyworld repro \(stage) computes it)"), line)
        }

        try repo.repro()
        diff = LockDiff(head, try engine.plannedLock(profile: "default"), profile: "default", order: order)
        XCTAssertEqual(diff.outputChanges.count, 2)
        XCTAssertFalse(diff.outputChanges.map(LockDiff.describe).contains { $0.contains("not computed") })

        XCTAssertThrowsError(try engine.lock(atRevision: "parity", profile: "default")) {
            XCTAssertTrue("\($0)".hasPrefix("parity is a stage, not a git revision"), "\($0)")
        }
    }

    func testDagRendersEveryEdge() throws {
        let repo = try ScratchRepo()
        try repo.write("stages:\n  seeds:\n    uses: test.source\n    foreach: { value: [1, 2] }\n  total:\n    uses: test.sum\n    needs: { parts: \"seeds[*]\" }\n")
        let plan = try repo.engine().plan(profile: "default")
        XCTAssertEqual(DagRendering.text(plan.instances), """
        seeds[value=1]  (test.source)
        seeds[value=2]  (test.source)
        total  (test.sum)
          └─ parts <- seeds[value=1]@data, seeds[value=2]@data

        """)
        let dot = DagRendering.dot(plan.instances)
        XCTAssertTrue(dot.contains("\"seeds[value=2]\" -> \"total\" [label=\"data → parts\"];"), dot)
        XCTAssertEqual(DagRendering.mermaid(plan.instances), """
        flowchart LR
          s0["seeds[value=1]<br/>test.source"]
          s1["seeds[value=2]<br/>test.source"]
          s2["total<br/>test.sum"]
          s0 --> s2
          s1 --> s2

        """)
        XCTAssertEqual(DagRendering.text(try plan.selection(["seeds[value=2]"], downstream: false)), "seeds[value=2]  (test.source)\n",
                       "a target limits the graph to itself and its ancestors")
    }
}
