import Dispatch

/// Operation classes whose wall time the engine accumulates (for `TrainBench`'s breakdown).
public enum EngineOp: Int, CaseIterable, Sendable {
    case embedding, layerNorm, matmul, attention, gelu, residual, loss, optimizer

    public var name: String {
        switch self {
        case .embedding: return "embedding"
        case .layerNorm: return "layernorm"
        case .matmul: return "matmul (linear layers)"
        case .attention: return "attention"
        case .gelu: return "gelu"
        case .residual: return "residual"
        case .loss: return "loss"
        case .optimizer: return "adamw"
        }
    }
}

/// Nanoseconds spent per `EngineOp` since the last reset; two clock reads per timed call.
public final class OpTimer {
    public private(set) var nanos = [UInt64](repeating: 0, count: EngineOp.allCases.count)

    public init() {}

    @inline(__always)
    public func time<R>(_ op: EngineOp, _ body: () throws -> R) rethrows -> R {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { nanos[op.rawValue] &+= DispatchTime.now().uptimeNanoseconds &- start }
        return try body()
    }

    public func reset() { for i in nanos.indices { nanos[i] = 0 } }
}
