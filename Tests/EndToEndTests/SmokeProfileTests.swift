import Foundation
import XCTest

/// The real pipeline.yaml on the smoke profile, through the real executable.
final class SmokeProfileTests: XCTestCase {
    /// The first run is the README's quick-start command for a first look, run as written.
    func testReproRendersEveryFigureThenHasNothingToDo() throws {
        let readme = try String(contentsOf: ToyworldSandbox.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let command = try XCTUnwrap(readme.split(separator: "\n").first { $0.hasPrefix(".build/release/toyworld repro --profile smoke") },
                                    "the README's quick start no longer shows the smoke command")
        let arguments = command.split(separator: " ").dropFirst().map(String.init)
        XCTAssertEqual(arguments, ["repro", "--profile", "smoke"], "the README's command changed: update this test")
        let sandbox = try ToyworldSandbox()
        let first = try sandbox.run(ToyworldSandbox.executable, arguments)
        XCTAssertEqual(first.status, 0, first.stderr)

        let yaml = try String(contentsOf: sandbox.root.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        let plotStages = yaml.components(separatedBy: "uses: plot").count - 1
        let rendered = try FileManager.default.contentsOfDirectory(atPath: sandbox.root.appendingPathComponent("figures/smoke").path)
        XCTAssertEqual(rendered.filter { $0.hasSuffix(".png") }.count, plotStages, "\(rendered)")
        XCTAssertEqual(rendered.filter { $0.hasSuffix(".pdf") }.count, plotStages, "\(rendered)")

        let second = try sandbox.toyworld("repro", "--profile", "smoke")
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("nothing to do"), second.stdout)

        let status = try sandbox.toyworld("status", "--profile", "smoke")
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertFalse(status.stdout.contains("stale:"), status.stdout)

        let traces = try sandbox.toyworld("summary", "traces", "--profile", "smoke")
        XCTAssertEqual(traces.status, 0, traces.stderr)
        XCTAssertTrue(traces.stdout.contains("19-candidate recalls"), traces.stdout)
        let lds = try sandbox.toyworld("summary", "lds", "--profile", "smoke")
        XCTAssertEqual(lds.status, 0, lds.stderr)
        XCTAssertTrue(lds.stdout.contains("R5 at 128"), lds.stdout)
        let coop = try sandbox.toyworld("summary", "coop", "--profile", "smoke")
        XCTAssertEqual(coop.status, 0, coop.stderr)
        XCTAssertEqual(coop.stdout.split(separator: "\n").filter { $0.contains("yes") || $0.contains("no ") }.count, 12, coop.stdout)
        let recall = try sandbox.toyworld("summary", "cr", "--profile", "smoke")
        XCTAssertEqual(recall.status, 0, recall.stderr)
        for finding in ["Finding 1", "Finding 2", "Finding 3"] { XCTAssertTrue(recall.stdout.contains(finding), recall.stdout) }
        let sweepRows = recall.stdout.split(separator: "\n").filter { $0.hasPrefix("  icl ") || $0.hasPrefix("  icl-grm ") }
        XCTAssertEqual(sweepRows.count, 12, "two seeds x two modes x three subject counts: \(recall.stdout)")

        // --json: the same numbers by name, one object per summary.
        let named = [("traces", "recall19_share"), ("lds", "r1.heldout.end.median_index_1"), ("coop", "transient_seeds"),
                     ("cr", "pretrain.icl_heldout.last.exact"), ("induction", "main.final.exemplars"), ("transience", "main.icl.peak")]
        for (summary, path) in named {
            let json = try sandbox.toyworld("summary", summary, "--profile", "smoke", "--json")
            XCTAssertEqual(json.status, 0, json.stderr)
            var value = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as Any
            XCTAssertEqual((value as? [String: Any])?["profile"] as? String, "smoke", summary)
            for key in path.split(separator: ".") { value = (value as? [String: Any])?[String(key)] as Any }
            XCTAssertNotNil(value as? NSNumber, "summary \(summary) --json has no number at \(path): \(json.stdout.prefix(400))")
        }
    }

    func testDiffBetweenRevisionsReportsAChangedParameter() throws {
        let sandbox = try ToyworldSandbox()
        XCTAssertEqual(try sandbox.toyworld("repro", "lds-trace-stats", "--profile", "smoke").status, 0)
        try sandbox.git("add", "-A")
        try sandbox.git("commit", "-qm", "first run")
        let same = try sandbox.toyworld("diff", "HEAD", "--profile", "smoke")
        XCTAssertEqual(same.status, 0, same.stdout + same.stderr)

        let yamlURL = sandbox.root.appendingPathComponent("pipeline.yaml")
        let yaml = try String(contentsOf: yamlURL, encoding: .utf8)
        XCTAssertTrue(yaml.contains("lds-trace-stats.traces: 20000"), "the smoke profile this test edits has changed")
        try yaml.replacingOccurrences(of: "lds-trace-stats.traces: 20000", with: "lds-trace-stats.traces: 30000")
            .write(to: yamlURL, atomically: true, encoding: .utf8)
        let status = try sandbox.toyworld("status", "--profile", "smoke")
        XCTAssertTrue(status.stdout.contains("traces"), status.stdout)
        XCTAssertEqual(try sandbox.toyworld("repro", "lds-trace-stats", "--profile", "smoke").status, 0)
        let different = try sandbox.toyworld("diff", "HEAD", "--profile", "smoke")
        XCTAssertEqual(different.status, 1, different.stdout + different.stderr)
        XCTAssertTrue(different.stdout.contains("lds-trace-stats"), different.stdout)
    }

    func testTruncatedArtifactGivesAClearError() throws {
        let sandbox = try ToyworldSandbox()
        XCTAssertEqual(try sandbox.toyworld("repro", "lds-library", "--profile", "smoke").status, 0)
        let cache = sandbox.root.appendingPathComponent("data/cache")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        let library = try XCTUnwrap(entries.map { cache.appendingPathComponent("\($0)/library.h5") }
            .first { FileManager.default.fileExists(atPath: $0.path) })
        let bytes = try Data(contentsOf: library)
        try bytes.prefix(bytes.count / 2).write(to: library)

        let show = try sandbox.toyworld("show", "lds-library", "--profile", "smoke")
        XCTAssertNotEqual(show.status, 0)
        XCTAssertTrue(show.stderr.hasPrefix("error: "), show.stderr)
        XCTAssertTrue(show.stderr.contains("library.h5"), show.stderr)
        XCTAssertEqual(show.stderr.split(separator: "\n").count, 1, "one sentence, not a trace: \(show.stderr)")
    }

    func testBadPipelineAndUnknownStageAreReportedWithTheirLine() throws {
        let sandbox = try ToyworldSandbox()
        let unknown = try sandbox.toyworld("repro", "no-such-stage", "--profile", "smoke")
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("no-such-stage"), unknown.stderr)

        let yamlURL = sandbox.root.appendingPathComponent("pipeline.yaml")
        let yaml = try String(contentsOf: yamlURL, encoding: .utf8)
        try yaml.replacingOccurrences(of: "uses: lds.trace-stats", with: "uses: lds.trace-statz")
            .write(to: yamlURL, atomically: true, encoding: .utf8)
        let line = yaml.components(separatedBy: "\n").firstIndex { $0.contains("uses: lds.trace-stats") }! + 1
        let bad = try sandbox.toyworld("repro", "--profile", "smoke")
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("pipeline.yaml:\(line)"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("lds.trace-statz"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("data/cache").path),
                       "a rejected pipeline must not touch the cache")
    }

    func testExplainTracesAFigureToItsWorldWithKeysCommitAndProfileParameters() throws {
        let sandbox = try ToyworldSandbox()
        XCTAssertEqual(try sandbox.toyworld("repro", "fig-tr-03b", "--profile", "smoke").status, 0)
        let commit = try sandbox.git("rev-parse", "HEAD").stdout.prefix(12)
        let explain = try sandbox.toyworld("explain", "fig-tr-03b", "--profile", "smoke")
        XCTAssertEqual(explain.status, 0, explain.stderr)
        let lines = explain.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[1].hasPrefix("fig-tr-03b: plot v"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("    tr-world: transience.world v"), "the world, two levels down: \(explain.stdout)")
        XCTAssertTrue(explain.stdout.contains("params: width=16, sequences=640, checkpoint_every=320"), "the smoke profile's overrides: \(explain.stdout)")
        XCTAssertTrue(explain.stdout.contains("at commit \(commit)"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("tr-world (as above)"), explain.stdout)
        let unknown = try sandbox.toyworld("explain", "fig-nope", "--profile", "smoke")
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("fig-nope is not a stage instance"), unknown.stderr)
    }

    func testAnExperimentFromTheCommandLineLeavesTheLockAloneAndIsListedAndCompared() throws {
        let sandbox = try ToyworldSandbox()
        XCTAssertEqual(try sandbox.toyworld("repro", "fig05", "--profile", "smoke").status, 0)
        let lockURL = sandbox.root.appendingPathComponent("pipeline.lock")
        let lock = try Data(contentsOf: lockURL)
        let run = try sandbox.toyworld("repro", "fig05", "--profile", "smoke", "--set", "lds-trace-stats.traces=30000")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try Data(contentsOf: lockURL), lock, "an experiment never touches pipeline.lock")
        let figure = sandbox.root.appendingPathComponent("figures/exp/lds-trace-stats.traces-30000/smoke/fig05-trace-stats.png")
        XCTAssertTrue(FileManager.default.fileExists(atPath: figure.path), run.stdout)
        let list = try sandbox.toyworld("exp", "list")
        XCTAssertTrue(list.stdout.contains("lds-trace-stats.traces-30000  profile smoke"), list.stdout)
        XCTAssertTrue(list.stdout.contains("changed 2 stages: fig05, lds-trace-stats"), list.stdout)
        let diff = try sandbox.toyworld("diff", "--profile", "smoke", "--set", "lds-trace-stats.traces=30000")
        XCTAssertEqual(diff.status, 1, diff.stdout + diff.stderr)
        XCTAssertTrue(diff.stdout.contains("lds-trace-stats: parameter traces 20000 -> 30000"), diff.stdout)
        let bad = try sandbox.toyworld("repro", "--profile", "smoke", "--set", "lds-trace-stats.tracez=1")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("error: --set: lds-trace-stats.tracez=1: unknown parameter tracez"), bad.stderr)
    }

    func testEveryCommandHasHelp() throws {
        let sandbox = try ToyworldSandbox()
        for command in ["repro", "run-stage", "exp", "push", "pull", "explain", "status", "dag", "show", "diff", "kinds", "summary", "pinv", "bench", "export", "gc", "verify"] {
            let help = try sandbox.toyworld(command, "--help")
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.stdout.contains("USAGE"), "\(command): \(help.stdout)")
        }
    }
}
