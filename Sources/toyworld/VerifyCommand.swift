import ArgumentParser
import Pipeline

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every cache entry pipeline.lock refers to and report each file that differs from what was written.",
        discussion: """
        Every output's SHA-256 is compared with the one recorded in its manifest when the entry was committed \
        (this covers provenance and HDF5 metadata, which the content digest leaves out). Exit status: 0 when \
        every entry in the local cache is intact, 1 when any is corrupt; `toyworld repro` rebuilds corrupt entries.
        """)

    @OptionGroup var profile: ProfileOption

    func run() throws {
        var corrupt = 0
        try reportingErrors {
            let entries = try makeEngine().verify(profile: profile.profile)
            var intact = 0, missing = 0
            for entry in entries {
                switch entry.state {
                case .intact: intact += 1
                case .missing: missing += 1
                case .corrupt(let problem):
                    corrupt += 1
                    print("\(entry.stage): corrupt: \(problem)")
                }
            }
            print("\(intact) intact, \(corrupt) corrupt, \(missing) not in the local cache (profile \(profile.profile))")
        }
        if corrupt > 0 { throw ExitCode(1) }
    }
}
