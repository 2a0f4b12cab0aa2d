import ArgumentParser
import Foundation
import Linalg
import Pipeline

/// The repository a command works on: the nearest directory at or above the current one
/// holding pipeline.yaml.
func repositoryRoot() throws -> URL {
    var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true).standardizedFileURL
    while true {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("pipeline.yaml").path) { return directory }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path {
            throw PipelineError("no pipeline.yaml in the current directory or any parent", category: .execution)
        }
        directory = parent
    }
}

func makeEngine(_ experiment: Experiment? = nil) throws -> Engine {
    let engine = Engine(root: try repositoryRoot(), registry: StageRegistry(allStageKinds()), sealer: HDF5Sealer(),
                        toolVersion: "toyworld \(Toyworld.version)")
    engine.experiment = experiment
    engine.productLibrary = ProductKernel.libraryDescription
    return engine
}

/// The file an `ARTIFACT` argument names: an .h5 path as given, or `STAGE[@output]`'s cached
/// output as pipeline.lock (or the experiment's record) has it for the profile.
func artifactFile(_ argument: String, profile: String, experiment: Experiment? = nil) throws -> URL {
    argument.hasSuffix(".h5") ? URL(fileURLWithPath: argument) : try makeEngine(experiment).artifactURL(argument, profile: profile)
}

func printError(_ error: Error) {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
}

/// Runs a command body, printing any error as one `error: ...` line on stderr and exiting
/// with `failureCode` (3 when another repro holds the lock and we were told not to wait).
func reportingErrors(failureCode: Int32 = 1, _ body: () throws -> Void) throws {
    do { try body() } catch let exit as ExitCode {
        throw exit
    } catch {
        printError(error)
        if let pipelineError = error as? PipelineError, pipelineError.category == .busy { throw ExitCode(3) }
        throw ExitCode(failureCode)
    }
}

/// `--set STAGE.PARAM=VALUE ... [--name NAME]`: the command works on that experiment.
struct ExperimentOption: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a parameter: STAGE.PARAM=VALUE, VALUE as pipeline.yaml writes it, STAGE a name or a glob (lds-r*). Repeatable. Makes the run an experiment: figures in figures/exp/<name>/, pipeline.lock untouched.",
        valueName: "STAGE.PARAM=VALUE"))
    var assignments: [String] = []

    @Option(help: "The experiment's name (default: derived from the --set assignments).")
    var name: String?

    /// nil without --set.
    func experiment() throws -> Experiment? {
        guard !assignments.isEmpty else {
            if name != nil { throw ValidationError("--name names an experiment: give its --set assignments too") }
            return nil
        }
        return try Experiment(name: name, assignments: assignments)
    }
}

struct ProfileOption: ParsableArguments {
    @Option(name: .long, help: "The profile of pipeline.yaml whose parameter overrides apply.")
    var profile = "default"
}

/// The running toyworld binary, which `repro -j` starts once per stage.
func currentExecutable() throws -> URL {
    let url = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw PipelineError("cannot find the toyworld executable to run stages in (/proc/self/exe)", category: .execution)
    }
    return url
}
