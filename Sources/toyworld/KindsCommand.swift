import ArgumentParser
import Pipeline

struct KindsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinds",
        abstract: "List the registered stage kinds with their parameters (name, type, default, range, help), rules between parameters, inputs and outputs.")

    @Argument(help: "Kinds to describe (e.g. claims, transience.train); all when none.") var kinds: [String] = []

    func run() throws {
        try reportingErrors {
            let all = allStageKinds()
            if let unknown = kinds.first(where: { name in !all.contains { $0.name == name } }) {
                throw ValidationError("no stage kind \(unknown); the kinds are: " + all.map { $0.name }.sorted().joined(separator: ", "))
            }
            let chosen = kinds.isEmpty ? all : all.filter { kinds.contains($0.name) }
            print(KindCatalog.describe(StageRegistry(chosen)), terminator: "")
        }
    }
}
