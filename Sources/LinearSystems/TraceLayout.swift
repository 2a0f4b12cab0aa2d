/// The fixed geometry of a paper-000 trace and its 57-dimensional token encoding (spec A.3):
/// open label of pair k at dim 2k, close label at 2k+1 (k < 25), start at 50, payload flag at
/// 51, the 5-dimensional state at 52..<57.
public enum TraceLayout {
    public static let tokens = 251
    public static let positions = tokens - 1
    public static let inputDimension = 57
    public static let stateDimension = 5
    public static let labelPairs = 25
    public static let startDim = 50
    public static let flagDim = 51
    public static let payloadDim = 52
    public static let backstoryLength = 7
    public static let maxSystems = 25
    /// Largest cut position; cuts fall on 1...lastCutPosition (index 0 holds `<start>`).
    public static let lastCutPosition = tokens - 1

    @inline(__always) public static func openDim(_ pair: Int) -> Int { 2 * pair }
    @inline(__always) public static func closeDim(_ pair: Int) -> Int { 2 * pair + 1 }
}

/// What a token is (trace metadata; the encoding itself is in the 57-dim input).
public enum TokenKind: UInt8, Sendable {
    case start = 0, open = 1, close = 2, payload = 3
}

/// How the backstory option of spec A.5 is applied.
public enum BackstoryMode: String, CaseIterable, Sendable {
    case none
    /// 7 reverse states after the open label of a system's first labelled segment; no loss
    /// where the target is one of x_{-7}..x_{-1}.
    case masked
    /// The same tokens, with loss on the backstory targets (App. C control).
    case unmasked
}
