import ArgumentParser
import Foundation
import Pipeline

struct LoadBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Seconds to load and plan generated pipelines of growing stage counts (each stage reads the one before it), to show that loading grows linearly.")

    @Option(help: "Stage counts, comma-separated.") var stages = "1000,4000,16000,64000"

    func run() throws {
        try reportingErrors {
            let counts = try stages.split(separator: ",").map { text -> Int in
                guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 2 else {
                    throw ValidationError("--stages takes counts of at least 2, got \(text)")
                }
                return n
            }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toyworld-load-\(getpid())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            try "plot x\n".write(to: dir.appendingPathComponent("s.gp"), atomically: true, encoding: .utf8)
            let registry = StageRegistry(allStageKinds())
            for n in counts {
                // A simulation, then a chain of plots, each reading the previous one.
                var yaml = "stages:\n  sim:\n    uses: phase.simulate\n"
                for i in 1..<n {
                    yaml += "  p\(i):\n    uses: plot\n    needs: { data: \(i == 1 ? "sim" : "p\(i - 1)") }\n    params: { script: s.gp, figure: p\(i) }\n"
                }
                let url = dir.appendingPathComponent("pipeline.yaml")
                try yaml.write(to: url, atomically: true, encoding: .utf8)
                let start = Date()
                let spec = try PipelineLoader.load(url, registry: registry)
                let loaded = Date()
                let plan = try Plan(spec, profile: "default")
                let planned = Date()
                print(String(format: "%7d stages: load %.2f s, plan %.2f s (%.1f µs per stage)", plan.instances.count,
                             loaded.timeIntervalSince(start), planned.timeIntervalSince(loaded),
                             planned.timeIntervalSince(start) / Double(n) * 1e6))
            }
        }
    }
}
