import ArgumentParser
import Pipeline

struct KindsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinds",
        abstract: "List the registered stage kinds with their parameters (name, type, default, range, help), rules between parameters, inputs and outputs.")

    func run() throws {
        print(KindCatalog.describe(StageRegistry(allStageKinds())), terminator: "")
    }
}
