/// A place in the forward pass whose values can be read and overwritten by a hook.
public enum ActivationSite: Hashable, Sendable {
    /// Token/read-in embedding plus positions, `[B, T, C]`.
    case embedding
    /// Output of block `layer`'s attention (after `c_proj`, before the residual add), `[B, T, C]`.
    case attentionOutput(layer: Int)
    /// Residual stream after block `layer`, `[B, T, C]`.
    case blockOutput(layer: Int)
    /// Softmax attention probabilities of block `layer`, `[B, H, T, T]` (row = query, zero above the diagonal).
    case attentionPattern(layer: Int)
}

/// The live values at a site during a forward pass. Writes through `values` replace what the
/// rest of the forward pass sees. The backward pass does not know about overwrites: hooks are
/// for evaluation, analysis and steering, not for training.
public struct ActivationView {
    public let site: ActivationSite
    public let values: UnsafeMutableBufferPointer<Float>
    public let shape: [Int]
}

public typealias ActivationHook = (ActivationView) -> Void
