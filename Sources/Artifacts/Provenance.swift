import CHDF5
import Foundation

/// How an artifact was made. Non-volatile fields are attributes of group `/provenance`, input
/// digests attributes of `/provenance/inputs`, and fields that differ between identical reruns
/// (host, times) attributes of `/provenance/volatile`. None of it enters the content digest.
public struct Provenance: Equatable {
    public var stage: String
    public var kind: String
    public var kindVersion: Int
    public var cacheKey: String
    public var parametersJSON: String
    public var inputDigests: [String: String]
    public var gitCommit: String
    /// Whether tracked files differed from `gitCommit`; nil when it could not be known (no git
    /// checkout), recorded as the string `unknown`.
    public var gitDirty: Bool?
    public var toolVersion: String
    /// For an artifact a `--set` experiment changed: its name and assignments as JSON
    /// (`{"name":"...","set":["lds-r1.layers=4"]}`); nil otherwise, and then not written.
    public var experiment: String?
    public var hdf5Version: String
    public var swiftVersion: String
    /// The matrix-product library as it describes itself, with the kernel it ran (which decides
    /// the rounding of every product); nil where the maker did not say (older artifacts).
    public var productLibrary: String?
    // Volatile.
    public var host: String
    public var startedAt: Date
    public var finishedAt: Date
    public var wallSeconds: Double

    public init(stage: String, kind: String, kindVersion: Int, cacheKey: String, parametersJSON: String,
                inputDigests: [String: String], gitCommit: String, gitDirty: Bool?, toolVersion: String,
                experiment: String? = nil, hdf5Version: String = Provenance.libraryHDF5Version, swiftVersion: String = Provenance.compilerSwiftVersion,
                productLibrary: String? = nil,
                host: String = ProcessInfo.processInfo.hostName, startedAt: Date, finishedAt: Date, wallSeconds: Double) {
        self.stage = stage
        self.kind = kind
        self.kindVersion = kindVersion
        self.cacheKey = cacheKey
        self.parametersJSON = parametersJSON
        self.inputDigests = inputDigests
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.toolVersion = toolVersion
        self.experiment = experiment
        self.hdf5Version = hdf5Version
        self.swiftVersion = swiftVersion
        self.productLibrary = productLibrary
        self.host = host
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.wallSeconds = wallSeconds
    }

    public static let group = "provenance"
    static let inputsGroup = "provenance/inputs"
    static let volatileGroup = "provenance/volatile"

    /// The version of the HDF5 library linked at run time.
    public static var libraryHDF5Version: String {
        var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
        H5get_libversion(&major, &minor, &release)
        return "\(major).\(minor).\(release)"
    }

    public static var compilerSwiftVersion: String {
        #if compiler(>=6.3)
        return "6.3+"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #elseif compiler(>=6.0)
        return "6.0"
        #else
        return "<6.0"
        #endif
    }

    public func write(to file: ArtifactFile) throws {
        try file.createGroup(Self.inputsGroup)
        try file.createGroup(Self.volatileGroup)
        let fields: [(String, AttributeValue)] = [
            ("stage", .string(stage)), ("kind", .string(kind)), ("kind_version", .int(Int64(kindVersion))),
            ("cache_key", .string(cacheKey)), ("parameters_json", .string(parametersJSON)),
            ("git_commit", .string(gitCommit)), ("git_dirty", gitDirty.map { .int($0 ? 1 : 0) } ?? .string("unknown")),
            ("tool_version", .string(toolVersion)), ("hdf5_version", .string(hdf5Version)),
            ("swift_version", .string(swiftVersion)),
        ]
        for (name, value) in fields { try file.setAttribute(name, value, at: Self.group) }
        if let experiment { try file.setAttribute("experiment", .string(experiment), at: Self.group) }
        if let productLibrary { try file.setAttribute("product_library", .string(productLibrary), at: Self.group) }
        for (name, digest) in inputDigests { try file.setAttribute(name, .string(digest), at: Self.inputsGroup) }
        let volatileFields: [(String, AttributeValue)] = [
            ("host", .string(host)), ("started_at", .string(Self.timestamp(startedAt))),
            ("finished_at", .string(Self.timestamp(finishedAt))), ("wall_seconds", .double(wallSeconds)),
        ]
        for (name, value) in volatileFields { try file.setAttribute(name, value, at: Self.volatileGroup) }
    }

    /// The provenance stored in `file`, or nil when it has none.
    public static func read(from file: ArtifactFile) throws -> Provenance? {
        guard file.contains(group) else { return nil }
        let fields = try Fields(file: file, attributes: file.attributes(at: group), path: group)
        let volatile = try Fields(file: file, attributes: file.attributes(at: volatileGroup), path: volatileGroup)
        var inputs: [String: String] = [:]
        for (name, value) in try file.attributes(at: inputsGroup) {
            guard case .string(let digest) = value else {
                throw fields.mismatch(inputsGroup, name, expected: "string", found: value)
            }
            inputs[name] = digest
        }
        return Provenance(
            stage: try fields.string("stage"), kind: try fields.string("kind"),
            kindVersion: Int(try fields.int("kind_version")), cacheKey: try fields.string("cache_key"),
            parametersJSON: try fields.string("parameters_json"), inputDigests: inputs,
            gitCommit: try fields.string("git_commit"), gitDirty: try file.attribute("git_dirty", at: group) == .string("unknown") ? nil : try fields.int("git_dirty") != 0,
            toolVersion: try fields.string("tool_version"),
            experiment: fields.attributes["experiment"] == nil ? nil : try fields.string("experiment"), hdf5Version: try fields.string("hdf5_version"),
            swiftVersion: try fields.string("swift_version"),
            productLibrary: fields.attributes["product_library"] == nil ? nil : try fields.string("product_library"), host: try volatile.string("host"),
            startedAt: try volatile.date("started_at"), finishedAt: try volatile.date("finished_at"),
            wallSeconds: try volatile.double("wall_seconds"))
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Typed access to one group's attributes, with errors naming the missing or mistyped one.
    private struct Fields {
        let file: ArtifactFile
        let attributes: [String: AttributeValue]
        let path: String

        private func value(_ name: String) throws -> AttributeValue {
            guard let value = attributes[name] else {
                throw ArtifactError(file: file.url.path, .missingObject(path: path + "@" + name))
            }
            return value
        }

        func mismatch(_ path: String, _ name: String, expected: String, found: AttributeValue) -> ArtifactError {
            ArtifactError(file: file.url.path, .typeMismatch(path: path + "@" + name, expected: expected, found: found.typeTag))
        }

        func string(_ name: String) throws -> String {
            let found = try value(name)
            guard case .string(let text) = found else { throw mismatch(path, name, expected: "string", found: found) }
            return text
        }

        func int(_ name: String) throws -> Int64 {
            let found = try value(name)
            guard case .int(let number) = found else { throw mismatch(path, name, expected: "int64", found: found) }
            return number
        }

        func double(_ name: String) throws -> Double {
            let found = try value(name)
            guard case .double(let number) = found else { throw mismatch(path, name, expected: "float64", found: found) }
            return number
        }

        func date(_ name: String) throws -> Date {
            let text = try string(name)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: text) else {
                throw ArtifactError(file: file.url.path, .typeMismatch(path: path + "@" + name,
                                                                       expected: "ISO 8601 time", found: text))
            }
            return date
        }
    }
}
