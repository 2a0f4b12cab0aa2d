import CHDF5

/// Element types an artifact dataset can hold.
public enum DType: String, CaseIterable, Sendable {
    case float32, float64, int32, int64, uint8, bool

    public var byteWidth: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        case .uint8, .bool: return 1
        }
    }

    /// A fresh HDF5 type id (caller closes it) used both in the file and in memory.
    /// Numbers are stored little-endian; Bool is stored as the enum {FALSE=0, TRUE=1} over int8,
    /// which is how h5py stores numpy booleans, so other tools read it back as boolean too.
    func makeTypeID(littleEndianInMemory: Bool = false) -> hid_t {
        switch self {
        case .float32: return H5Tcopy(littleEndianInMemory ? toy_H5T_IEEE_F32LE() : toy_H5T_NATIVE_FLOAT())
        case .float64: return H5Tcopy(littleEndianInMemory ? toy_H5T_IEEE_F64LE() : toy_H5T_NATIVE_DOUBLE())
        case .int32: return H5Tcopy(littleEndianInMemory ? toy_H5T_STD_I32LE() : toy_H5T_NATIVE_INT32())
        case .int64: return H5Tcopy(littleEndianInMemory ? toy_H5T_STD_I64LE() : toy_H5T_NATIVE_INT64())
        case .uint8: return H5Tcopy(littleEndianInMemory ? toy_H5T_STD_U8LE() : toy_H5T_NATIVE_UINT8())
        case .bool:
            let type = H5Tenum_create(toy_H5T_NATIVE_INT8())
            var falseValue: Int8 = 0, trueValue: Int8 = 1
            H5Tenum_insert(type, "FALSE", &falseValue)
            H5Tenum_insert(type, "TRUE", &trueValue)
            return type
        }
    }

    /// Classifies a dataset's stored type; nil for types artifacts do not use.
    init?(hdf5Type type: hid_t) {
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_FLOAT where size == 4: self = .float32
        case H5T_FLOAT where size == 8: self = .float64
        case H5T_INTEGER where H5Tget_sign(type) == H5T_SGN_2:
            switch size {
            case 4: self = .int32
            case 8: self = .int64
            default: return nil
            }
        case H5T_INTEGER where size == 1: self = .uint8
        case H5T_ENUM where size == 1: self = .bool
        default: return nil
        }
    }

    /// Human-readable name of any HDF5 type, for error messages about unsupported types.
    static func describe(hdf5Type type: hid_t) -> String {
        if let known = DType(hdf5Type: type) { return known.rawValue }
        let size = H5Tget_size(type)
        switch H5Tget_class(type) {
        case H5T_INTEGER: return "\(H5Tget_sign(type) == H5T_SGN_2 ? "int" : "uint")\(size * 8)"
        case H5T_FLOAT: return "float\(size * 8)"
        case H5T_STRING: return "string"
        case H5T_COMPOUND: return "compound"
        case H5T_ENUM: return "enum\(size * 8)"
        case H5T_ARRAY: return "array"
        case H5T_VLEN: return "vlen"
        default: return "unsupported HDF5 type"
        }
    }
}

/// Swift element types that map one-to-one onto a `DType` with identical memory layout.
public protocol H5Element {
    static var dtype: DType { get }
}

extension Float: H5Element { public static var dtype: DType { .float32 } }
extension Double: H5Element { public static var dtype: DType { .float64 } }
extension Int32: H5Element { public static var dtype: DType { .int32 } }
extension Int64: H5Element { public static var dtype: DType { .int64 } }
extension UInt8: H5Element { public static var dtype: DType { .uint8 } }
extension Bool: H5Element { public static var dtype: DType { .bool } }

/// A row-major n-dimensional array; a 0-d scalar has shape [] and one value.
public struct NDArray<T> {
    public var shape: [Int]
    public var values: [T]

    public init(shape: [Int], values: [T]) {
        self.shape = shape
        self.values = values
    }
}

extension NDArray: Equatable where T: Equatable {}
