import Linalg

/// One named tensor inside the flat parameter buffer.
public struct ParameterTensor: Equatable, Sendable {
    public let name: String
    public let shape: [Int]
    public let offset: Int
    public var count: Int { shape.reduce(1, *) }
    /// Decoupled weight decay applies to the 2-D weight matrices of Linear layers only
    /// (read-in, c_attn, c_proj, c_fc, read-out / lm_head), as in minGPT: biases, layer-norm
    /// parameters and the token / position embeddings are not decayed.
    public let decayed: Bool
}

/// Offsets of every tensor of one block within the flat buffer.
struct BlockOffsets {
    var ln1w = 0, ln1b = 0, qkvW = 0, qkvB = 0, projW = 0, projB = 0
    var ln2w = 0, ln2b = 0, fcW = 0, fcB = 0, fcProjW = 0, fcProjB = 0
}

/// Where each tensor lives in the flat buffers, under GPT-2 names. Linear weights are stored
/// `[out, in]` (PyTorch `nn.Linear` layout).
struct ParameterLayout {
    private var list = TensorList()
    var tensors: [ParameterTensor] { list.tensors }
    var count: Int { list.count }
    var readIn = 0, readInBias = 0, wte = 0, wpe = 0
    var blocks: [BlockOffsets] = []
    var lnfW = 0, lnfB = 0, readOut = 0, readOutBias = 0

    init(_ c: ModelConfig) {
        let C = c.width
        switch c.input {
        case .continuous(let d):
            readIn = add("read_in.weight", [C, d], decayed: true)
            readInBias = add("read_in.bias", [C])
        case .tokens(let v):
            wte = add("wte.weight", [v, C])
        }
        wpe = add("wpe.weight", [c.context, C])
        for i in 0..<c.layers {
            var b = BlockOffsets()
            let p = "h.\(i)."
            b.ln1w = add(p + "ln_1.weight", [C]); b.ln1b = add(p + "ln_1.bias", [C])
            b.qkvW = add(p + "attn.c_attn.weight", [3 * C, C], decayed: true)
            b.qkvB = add(p + "attn.c_attn.bias", [3 * C])
            b.projW = add(p + "attn.c_proj.weight", [C, C], decayed: true)
            b.projB = add(p + "attn.c_proj.bias", [C])
            if c.mlp {
                b.ln2w = add(p + "ln_2.weight", [C]); b.ln2b = add(p + "ln_2.bias", [C])
                b.fcW = add(p + "mlp.c_fc.weight", [4 * C, C], decayed: true)
                b.fcB = add(p + "mlp.c_fc.bias", [4 * C])
                b.fcProjW = add(p + "mlp.c_proj.weight", [C, 4 * C], decayed: true)
                b.fcProjB = add(p + "mlp.c_proj.bias", [C])
            }
            blocks.append(b)
        }
        lnfW = add("ln_f.weight", [C]); lnfB = add("ln_f.bias", [C])
        switch c.output {
        case .regression(let d):
            readOut = add("read_out.weight", [d, C], decayed: true)
            readOutBias = add("read_out.bias", [d])
        case .logits(let v):
            readOut = add("lm_head.weight", [v, C], decayed: true)
        }
    }

    private mutating func add(_ name: String, _ shape: [Int], decayed: Bool = false) -> Int {
        list.add(name, shape, decayed: decayed)
    }
}

/// Named tensors laid out one after another in a flat buffer, in the order they are added.
struct TensorList {
    private(set) var tensors: [ParameterTensor] = []
    private(set) var count = 0

    /// Appends a tensor and returns its offset.
    mutating func add(_ name: String, _ shape: [Int], decayed: Bool = false) -> Int {
        let t = ParameterTensor(name: name, shape: shape, offset: count, decayed: decayed)
        tensors.append(t)
        count += t.count
        return t.offset
    }
}

/// A zero-initialised Float32 buffer owned by its creator (parameters, gradients, moments,
/// activations). Freed on deinit.
final class FloatBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int
    init(_ count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }
    deinit { pointer.deallocate() }
    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
    func zero() { pointer.update(repeating: 0, count: count) }
    func copy(from other: FloatBuffer) { pointer.update(from: other.pointer, count: count) }
    var array: [Float] { Array(buffer) }
}
