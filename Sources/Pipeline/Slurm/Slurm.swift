import Foundation

/// SLURM's command-line tools: `sbatch` to submit, `squeue` and `scontrol` (or `sacct` where
/// accounting runs) to ask about a job.
public struct Slurm {
    public enum JobState: Equatable {
        case queued, running, completed
        /// Failed, cancelled, timed out, preempted, out of memory...: SLURM's state name.
        case ended(String)
        /// SLURM no longer knows the job (it was purged) or could not be asked.
        case unknown
    }

    public init() {}

    /// Submits `command` as a batch job and returns its id.
    func submit(name: String, command: [String], directory: URL, log: URL, resources: JobResources, after: [String]) throws -> String {
        var arguments = ["--parsable", "--job-name=\(name)", "--chdir=\(directory.path)", "--output=\(log.path)"] + resources.sbatchOptions
        if !after.isEmpty { arguments.append("--dependency=afterok:" + after.joined(separator: ":")) }
        arguments.append("--wrap=" + command.map(Self.shellQuoted).joined(separator: " "))
        let result = try Self.run("sbatch", arguments)
        guard result.status == 0, let id = result.output.split(separator: "\n").first.map({ String($0.split(separator: ";")[0]) }),
              !id.isEmpty else {
            throw PipelineError("sbatch refused job \(name): \(result.error.trimmingCharacters(in: .whitespacesAndNewlines))", category: .execution)
        }
        return id
    }

    /// The state of each job: from `squeue` while SLURM holds it, else from `sacct` or
    /// `scontrol show job` (which know finished jobs for a while).
    func states(_ ids: [String]) -> [String: JobState] {
        var states: [String: JobState] = [:]
        guard !ids.isEmpty else { return states }
        if let queue = try? Self.run("squeue", ["-h", "-o", "%i %T", "-j", ids.joined(separator: ",")]), queue.status == 0 {
            for line in queue.output.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2 { states[String(parts[0])] = Self.state(String(parts[1])) }
            }
        }
        for id in ids where states[id] == nil || states[id] == .completed {
            if let show = try? Self.run("scontrol", ["show", "job", id]), show.status == 0,
               let field = show.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first(where: { $0.hasPrefix("JobState=") }) {
                states[id] = Self.state(String(field.dropFirst("JobState=".count)))
            } else if let acct = try? Self.run("sacct", ["-n", "-X", "-P", "-o", "State", "-j", id]), acct.status == 0,
                      let line = acct.output.split(separator: "\n").first {
                states[id] = Self.state(String(line.split(separator: " ")[0]))
            } else if states[id] == nil {
                states[id] = .unknown
            }
        }
        return states
    }

    /// Whether SLURM answers here.
    public static var isAvailable: Bool { (try? run("sinfo", ["-h", "-o", "%t"]))?.status == 0 }

    static func state(_ name: String) -> JobState {
        switch name {
        case "PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "RESIZING", "SUSPENDED": return .queued
        case "RUNNING", "COMPLETING", "STAGE_OUT": return .running
        case "COMPLETED": return .completed
        default: return .ended(name)
        }
    }

    static func shellQuoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let result: Subprocess.Result
        do { result = try Subprocess.run(tool, arguments) } catch {
            throw PipelineError("cannot run \(tool): \(error.localizedDescription) (is SLURM's client installed?)", category: .execution)
        }
        return (result.status, result.outputText, result.errorText)
    }
}
