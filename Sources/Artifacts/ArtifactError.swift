import CHDF5

/// Every failure of the Artifacts module: names the file, the object inside it, and what went wrong.
public struct ArtifactError: Error, CustomStringConvertible, Equatable {
    public enum Kind: Equatable {
        /// The file does not exist, cannot be read, or cannot be created.
        case cannotOpen(reason: String)
        /// The file exists but has no HDF5 signature.
        case notHDF5
        /// The file has an HDF5 signature but its structure is damaged (e.g. truncated).
        case corrupt(detail: String)
        case missingObject(path: String)
        case typeMismatch(path: String, expected: String, found: String)
        case shapeMismatch(path: String, detail: String)
        /// An HDF5 call failed; `detail` is the innermost message of HDF5's error stack.
        case hdf5(operation: String, path: String, detail: String)
        /// A reader needs the attribute `name` of object `path` to hold `expected`.
        case missingAttribute(name: String, path: String, expected: String)
        /// A file-system call (flush, rename) failed.
        case fileSystem(operation: String, reason: String)
    }

    public let file: String
    public let kind: Kind

    public init(file: String, _ kind: Kind) {
        self.file = file
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .cannotOpen(let reason): return "\(file): cannot open: \(reason)"
        case .notHDF5: return "\(file): not an HDF5 file"
        case .corrupt(let detail): return "\(file): corrupt or truncated HDF5 file (\(detail))"
        case .missingObject(let path): return "\(file): no object '\(path)'"
        case .typeMismatch(let path, let expected, let found):
            return "\(file): '\(path)' has type \(found), expected \(expected)"
        case .shapeMismatch(let path, let detail): return "\(file): '\(path)': \(detail)"
        case .hdf5(let operation, let path, let detail):
            return "\(file): HDF5 \(operation) failed on '\(path)': \(detail)"
        case .fileSystem(let operation, let reason): return "\(file): cannot \(operation): \(reason)"
        case let .missingAttribute(name, path, expected):
            return "\(file): attribute \(name) of '\(path)' is missing or not \(expected)"
        }
    }
}

enum HDF5ErrorStack {
    /// HDF5 prints its error stack to stderr by default; artifacts report errors as values instead.
    /// The thread-safe library keeps one error stack (and print setting) per thread, so every
    /// entry point silences the calling thread; the call is cheap.
    static func silenceThisThread() {
        H5Eset_auto2(toy_H5E_DEFAULT(), nil, nil)
    }

    /// The innermost (most specific) description on this thread's HDF5 error stack.
    static func innermostMessage() -> String {
        var message = ""
        withUnsafeMutablePointer(to: &message) { pointer in
            _ = H5Ewalk2(toy_H5E_DEFAULT(), H5E_WALK_UPWARD, { _, error, clientData in
                guard let error, let clientData, let desc = error.pointee.desc else { return 0 }
                let target = clientData.assumingMemoryBound(to: String.self)
                if target.pointee.isEmpty { target.pointee = String(cString: desc) }
                return 0
            }, pointer)
        }
        H5Eclear2(toy_H5E_DEFAULT())
        return message.isEmpty ? "unknown HDF5 error" : message
    }
}
