/// Token ids of the contextual-recall world (spec B.1): subjects, then the values of each
/// attribute type in type order, then the grammar tokens, then `[sep]`.
/// V = M + sum(M_l) + G + 1.
public struct Vocabulary: Equatable, Sendable {
    public let subjects: Int
    public let valueCounts: [Int]
    public let grammarTokens: Int
    /// First token id of each attribute type's values.
    public let typeOffsets: [Int]

    public init(subjects: Int, valueCounts: [Int], grammarTokens: Int) {
        self.subjects = subjects
        self.valueCounts = valueCounts
        self.grammarTokens = grammarTokens
        var offsets: [Int] = [], next = subjects
        for count in valueCounts { offsets.append(next); next += count }
        typeOffsets = offsets
    }

    public var types: Int { valueCounts.count }
    public var attributeTokens: Int { valueCounts.reduce(0, +) }
    public var grammarOffset: Int { subjects + attributeTokens }
    public var separator: Int32 { Int32(grammarOffset + grammarTokens) }
    public var size: Int { grammarOffset + grammarTokens + 1 }

    public func subject(_ j: Int) -> Int32 { Int32(j) }
    public func value(_ v: Int, ofType type: Int) -> Int32 { Int32(typeOffsets[type] + v) }
    public func grammar(_ g: Int) -> Int32 { Int32(grammarOffset + g) }

    /// The attribute type of `token`, or nil when it is not an attribute token.
    @inline(__always)
    public func attributeType(of token: Int32) -> Int? {
        let t = Int(token)
        guard t >= subjects, t < grammarOffset else { return nil }
        var type = 0
        while type + 1 < typeOffsets.count && typeOffsets[type + 1] <= t { type += 1 }
        return type
    }
}
