import CHDF5

extension ArtifactFile {
    /// Sets (replacing) an attribute on the group or dataset at `path`. Strings are stored as
    /// variable-length UTF-8.
    public func setAttribute(_ name: String, _ value: AttributeValue, at path: String = "/") throws {
        let object = try openObject(path)
        defer { H5Oclose(object) }
        if H5Aexists(object, name) > 0 {
            guard H5Adelete(object, name) >= 0 else { throw error("delete attribute \(name)", path) }
        }
        switch value {
        case .string(let text):
            let type = H5Tcopy(toy_H5T_C_S1())
            defer { H5Tclose(type) }
            H5Tset_size(type, toy_H5T_VARIABLE())
            H5Tset_cset(type, H5T_CSET_UTF8)
            try text.withCString { characters in
                var pointer: UnsafePointer<CChar>? = characters
                try writeAttribute(object, name, path: path, type: type, dims: nil, data: &pointer)
            }
        case .int(var number):
            try writeAttribute(object, name, path: path, type: toy_H5T_STD_I64LE(), memoryType: toy_H5T_NATIVE_INT64(),
                               dims: nil, data: &number)
        case .double(var number):
            try writeAttribute(object, name, path: path, type: toy_H5T_IEEE_F64LE(), memoryType: toy_H5T_NATIVE_DOUBLE(),
                               dims: nil, data: &number)
        case .ints(let numbers):
            try numbers.withUnsafeBufferPointer {
                try writeAttribute(object, name, path: path, type: toy_H5T_STD_I64LE(), memoryType: toy_H5T_NATIVE_INT64(),
                                   dims: [numbers.count], data: $0.baseAddress)
            }
        case .doubles(let numbers):
            try numbers.withUnsafeBufferPointer {
                try writeAttribute(object, name, path: path, type: toy_H5T_IEEE_F64LE(), memoryType: toy_H5T_NATIVE_DOUBLE(),
                                   dims: [numbers.count], data: $0.baseAddress)
            }
        }
    }

    /// `dims == nil` makes a scalar attribute.
    private func writeAttribute(_ object: hid_t, _ name: String, path: String, type: hid_t, memoryType: hid_t? = nil,
                                dims: [Int]?, data: UnsafeRawPointer?) throws {
        let space = dims.map { H5Screate_simple(Int32($0.count), $0.map { hsize_t($0) }, nil) } ?? H5Screate(H5S_SCALAR)
        guard space >= 0 else { throw error("create attribute dataspace", path) }
        defer { H5Sclose(space) }
        let attribute = H5Acreate2(object, name, type, space, toy_H5P_DEFAULT(), toy_H5P_DEFAULT())
        guard attribute >= 0 else { throw error("create attribute \(name)", path) }
        defer { H5Aclose(attribute) }
        let isEmpty = dims.map { $0.reduce(1, *) == 0 } ?? false
        if !isEmpty, let data {
            guard H5Awrite(attribute, memoryType ?? type, data) >= 0 else { throw error("write attribute \(name)", path) }
        }
    }

    public func attribute(_ name: String, at path: String = "/") throws -> AttributeValue? {
        let object = try openObject(path)
        defer { H5Oclose(object) }
        guard H5Aexists(object, name) > 0 else { return nil }
        return try readAttribute(object, name, path: path)
    }

    public func attributes(at path: String = "/") throws -> [String: AttributeValue] {
        let object = try openObject(path)
        defer { H5Oclose(object) }
        var result: [String: AttributeValue] = [:]
        for name in try attributeNames(object, path: path) {
            result[name] = try readAttribute(object, name, path: path)
        }
        return result
    }

    /// Attribute names of an open object, in name order.
    func attributeNames(_ object: hid_t, path: String) throws -> [String] {
        var names: [String] = []
        var index: hsize_t = 0
        let status = withUnsafeMutablePointer(to: &names) { namesPointer in
            H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
                guard let name, let data else { return -1 }
                data.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
                return 0
            }, namesPointer)
        }
        guard status >= 0 else { throw error("list attributes", path) }
        return names
    }

    private func readAttribute(_ object: hid_t, _ name: String, path: String) throws -> AttributeValue {
        let attribute = H5Aopen(object, name, toy_H5P_DEFAULT())
        guard attribute >= 0 else { throw error("open attribute \(name)", path) }
        defer { H5Aclose(attribute) }
        let type = H5Aget_type(attribute)
        guard type >= 0 else { throw error("get attribute type \(name)", path) }
        defer { H5Tclose(type) }
        let space = H5Aget_space(attribute)
        guard space >= 0 else { throw error("get attribute dataspace \(name)", path) }
        defer { H5Sclose(space) }
        let isScalar = H5Sget_simple_extent_type(space) == H5S_SCALAR
        let count = Int(H5Sget_simple_extent_npoints(space))
        let typeClass = H5Tget_class(type)

        switch typeClass {
        case H5T_STRING where isScalar:
            return .string(try readStringAttribute(attribute, type: type, name: name, path: path))
        case H5T_INTEGER:
            var numbers = [Int64](repeating: 0, count: count)
            if count > 0 {
                guard H5Aread(attribute, toy_H5T_NATIVE_INT64(), &numbers) >= 0 else { throw error("read attribute \(name)", path) }
            }
            return isScalar ? .int(numbers[0]) : .ints(numbers)
        case H5T_FLOAT:
            var numbers = [Double](repeating: 0, count: count)
            if count > 0 {
                guard H5Aread(attribute, toy_H5T_NATIVE_DOUBLE(), &numbers) >= 0 else { throw error("read attribute \(name)", path) }
            }
            return isScalar ? .double(numbers[0]) : .doubles(numbers)
        default:
            throw ArtifactError(file: url.path, .typeMismatch(
                path: Self.canonical(path) + "@" + name, expected: "string, integer or float attribute",
                found: (isScalar ? "" : "array of ") + DType.describe(hdf5Type: type)))
        }
    }

    /// Reads variable- or fixed-length strings (other tools write both).
    private func readStringAttribute(_ attribute: hid_t, type: hid_t, name: String, path: String) throws -> String {
        if H5Tis_variable_str(type) > 0 {
            var pointer: UnsafeMutablePointer<CChar>? = nil
            guard H5Aread(attribute, type, &pointer) >= 0 else { throw error("read attribute \(name)", path) }
            defer { H5free_memory(pointer) }
            return pointer.map { String(cString: $0) } ?? ""
        }
        let size = H5Tget_size(type)
        var bytes = [UInt8](repeating: 0, count: size)
        guard H5Aread(attribute, type, &bytes) >= 0 else { throw error("read attribute \(name)", path) }
        let padding = H5Tget_strpad(type)
        var end = bytes.firstIndex(of: 0) ?? bytes.count
        if padding == H5T_STR_SPACEPAD {
            while end > 0 && bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}

/// Attributes a reader cannot do without: a missing or mistyped one is an error naming the
/// file, the object and the attribute.
extension ArtifactFile {
    public func requiredInt(_ name: String, at path: String = "/") throws -> Int {
        guard case .int(let v)? = try attribute(name, at: path) else { throw missingAttribute(name, at: path, "an integer") }
        return Int(v)
    }

    public func requiredDouble(_ name: String, at path: String = "/") throws -> Double {
        guard case .double(let v)? = try attribute(name, at: path) else { throw missingAttribute(name, at: path, "a double") }
        return v
    }

    public func requiredInts(_ name: String, at path: String = "/") throws -> [Int] {
        guard case .ints(let v)? = try attribute(name, at: path) else { throw missingAttribute(name, at: path, "an integer array") }
        return v.map { Int($0) }
    }

    public func requiredString(_ name: String, at path: String = "/") throws -> String {
        guard case .string(let v)? = try attribute(name, at: path) else { throw missingAttribute(name, at: path, "a string") }
        return v
    }

    private func missingAttribute(_ name: String, at path: String, _ expected: String) -> ArtifactError {
        ArtifactError(file: url.path, .missingAttribute(name: name, path: path, expected: expected))
    }
}
