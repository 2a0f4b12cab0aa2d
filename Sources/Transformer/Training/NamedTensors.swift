import Artifacts

/// A flat parameter-shaped buffer stored as one float32 dataset per tensor, `<group>/<name>`,
/// in the tensor's own shape (Linear weights `[out, in]`, as PyTorch's `nn.Linear` keeps them):
/// a reader needs only the names, never our flat layout.
extension ArtifactFile {
    public func writeTensors(_ group: String, _ tensors: [ParameterTensor], from values: UnsafeBufferPointer<Float>) throws {
        for t in tensors {
            try write("\(group)/\(t.name)", buffer: UnsafeBufferPointer(rebasing: values[t.offset..<(t.offset + t.count)]), shape: t.shape)
        }
    }

    /// The tensors of `group` in flat layout order; every tensor must be there with its shape.
    public func readTensors(_ group: String, _ tensors: [ParameterTensor]) throws -> [Float] {
        let count = tensors.last.map { $0.offset + $0.count } ?? 0
        var values = [Float](repeating: 0, count: count)
        for t in tensors {
            let path = "\(group)/\(t.name)"
            let a = try read(path, as: Float.self)
            guard a.shape == t.shape else {
                throw ArtifactError(file: url.path, .shapeMismatch(path: path, detail: "shape \(a.shape), expected \(t.shape)"))
            }
            values.replaceSubrange(t.offset..<(t.offset + t.count), with: a.values)
        }
        return values
    }
}
