import ArgumentParser
import Foundation
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

func makeEngine() throws -> Engine {
    Engine(root: try repositoryRoot(), registry: StageRegistry(allStageKinds()), sealer: HDF5Sealer(),
           toolVersion: "toyworld \(Toyworld.version)")
}

/// The file an `ARTIFACT` argument names: an .h5 path as given, or `STAGE[@output]`'s cached
/// output as pipeline.lock records it for the profile.
func artifactFile(_ argument: String, profile: String) throws -> URL {
    argument.hasSuffix(".h5") ? URL(fileURLWithPath: argument) : try makeEngine().artifactURL(argument, profile: profile)
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
