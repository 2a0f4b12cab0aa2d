import CHDF5
import Foundation

/// One HDF5 artifact file. Paths are slash-separated ("traces/inputs"); a leading "/" is optional
/// and "/" (or "") names the root group.
public final class ArtifactFile {
    public let url: URL
    private(set) var fileID: hid_t

    private init(url: URL, fileID: hid_t) {
        self.url = url
        self.fileID = fileID
    }

    deinit { close() }

    /// Creates (truncating) a file whose bytes depend only on its content: no object timestamps,
    /// and a fixed file-format version so identical writes give identical files.
    public static func create(_ url: URL) throws -> ArtifactFile {
        HDF5ErrorStack.silenced
        let creation = try objectCreationList(toy_H5P_FILE_CREATE(), file: url.path)
        defer { H5Pclose(creation) }
        let access = try formatPinnedAccessList(file: url.path)
        defer { H5Pclose(access) }
        let id = H5Fcreate(url.path, toy_H5F_ACC_TRUNC(), creation, access)
        guard id >= 0 else {
            throw ArtifactError(file: url.path, .cannotOpen(reason: HDF5ErrorStack.innermostMessage()))
        }
        return ArtifactFile(url: url, fileID: id)
    }

    public static func open(_ url: URL, writable: Bool = false) throws -> ArtifactFile {
        HDF5ErrorStack.silenced
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArtifactError(file: path, .cannotOpen(reason: "no such file"))
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ArtifactError(file: path, .cannotOpen(reason: "not readable"))
        }
        guard H5Fis_hdf5(path) > 0 else {
            H5Eclear2(toy_H5E_DEFAULT())
            throw ArtifactError(file: path, .notHDF5)
        }
        let access = try formatPinnedAccessList(file: path)
        defer { H5Pclose(access) }
        let id = H5Fopen(path, writable ? toy_H5F_ACC_RDWR() : toy_H5F_ACC_RDONLY(), access)
        guard id >= 0 else {
            throw ArtifactError(file: path, .corrupt(detail: HDF5ErrorStack.innermostMessage()))
        }
        return ArtifactFile(url: url, fileID: id)
    }

    public func close() {
        guard fileID >= 0 else { return }
        H5Fclose(fileID)
        fileID = -1
    }

    // MARK: - Shared plumbing for the extensions

    /// A creation property list of `propertyClass` with object time tracking switched off.
    static func objectCreationList(_ propertyClass: hid_t, file: String) throws -> hid_t {
        let list = H5Pcreate(propertyClass)
        guard list >= 0, H5Pset_obj_track_times(list, false) >= 0 else {
            throw ArtifactError(file: file, .hdf5(operation: "create property list", path: "/",
                                                  detail: HDF5ErrorStack.innermostMessage()))
        }
        return list
    }

    /// File access list pinning the format to the 1.8 layout (readable by HDF5 >= 1.8 and h5py),
    /// so the bytes written do not change with the library's defaults.
    private static func formatPinnedAccessList(file: String) throws -> hid_t {
        let list = H5Pcreate(toy_H5P_FILE_ACCESS())
        guard list >= 0, H5Pset_libver_bounds(list, H5F_LIBVER_V18, H5F_LIBVER_V18) >= 0 else {
            throw ArtifactError(file: file, .hdf5(operation: "create file access list", path: "/",
                                                  detail: HDF5ErrorStack.innermostMessage()))
        }
        return list
    }

    /// Canonical form of a user path: components without empty parts, "" for the root.
    static func canonical(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// The absolute HDF5 name of a user path.
    static func hdf5Name(_ path: String) -> String {
        "/" + canonical(path)
    }

    func error(_ operation: String, _ path: String) -> ArtifactError {
        ArtifactError(file: url.path, .hdf5(operation: operation, path: Self.canonical(path),
                                            detail: HDF5ErrorStack.innermostMessage()))
    }

    func ensureOpen(_ path: String) throws {
        guard fileID >= 0 else {
            throw ArtifactError(file: url.path, .hdf5(operation: "access", path: Self.canonical(path),
                                                      detail: "file is closed"))
        }
    }

    /// True when a link exists at every level of `path` (H5Lexists fails on a missing parent).
    public func contains(_ path: String) -> Bool {
        guard fileID >= 0 else { return false }
        var prefix = ""
        for component in Self.canonical(path).split(separator: "/") {
            prefix += "/" + component
            guard H5Lexists(fileID, prefix, toy_H5P_DEFAULT()) > 0 else {
                H5Eclear2(toy_H5E_DEFAULT())
                return false
            }
        }
        return true
    }

    /// Opens any object (group or dataset) by path; the caller closes it with H5Oclose.
    func openObject(_ path: String) throws -> hid_t {
        try ensureOpen(path)
        guard contains(path) else {
            throw ArtifactError(file: url.path, .missingObject(path: Self.canonical(path)))
        }
        let id = H5Oopen(fileID, Self.hdf5Name(path), toy_H5P_DEFAULT())
        guard id >= 0 else { throw error("open object", path) }
        return id
    }

    public func createGroup(_ path: String) throws {
        try ensureOpen(path)
        var prefix = ""
        for component in Self.canonical(path).split(separator: "/") {
            prefix += "/" + component
            if contains(prefix) {
                guard try objectType(prefix) == H5O_TYPE_GROUP else {
                    throw ArtifactError(file: url.path, .typeMismatch(
                        path: Self.canonical(prefix), expected: "group", found: "dataset"))
                }
                continue
            }
            let creation = try Self.objectCreationList(toy_H5P_GROUP_CREATE(), file: url.path)
            defer { H5Pclose(creation) }
            let group = H5Gcreate2(fileID, prefix, toy_H5P_DEFAULT(), creation, toy_H5P_DEFAULT())
            guard group >= 0 else { throw error("create group", prefix) }
            H5Gclose(group)
        }
    }

    func objectType(_ path: String) throws -> H5O_type_t {
        var info = H5O_info_t()
        guard H5Oget_info_by_name2(fileID, Self.hdf5Name(path), &info, UInt32(H5O_INFO_BASIC),
                                   toy_H5P_DEFAULT()) >= 0 else {
            throw error("get object info", path)
        }
        return info.type
    }
}
