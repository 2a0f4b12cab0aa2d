/// The four match metrics of spec B.5, counted overall and per ground-truth attribute type.
/// For a prediction v of the final token with ground truth (j, l):
/// exact v = a_j^l; type v in U_l; subject v in {a_j^1..a_j^L}; attribute v in any U_l.
public struct RecallMetrics: Equatable, Sendable {
    public static let names = ["exact", "type", "subject", "attribute"]

    /// `hits[metric][type]`, metric in `names` order.
    public private(set) var hits: [[Int]]
    public private(set) var counts: [Int]

    public init(types: Int) {
        hits = Array(repeating: [Int](repeating: 0, count: types), count: Self.names.count)
        counts = [Int](repeating: 0, count: types)
    }

    /// Scores one prediction.
    public mutating func record(prediction v: Int32, subject j: Int, type l: Int, world: some FactTable) {
        let vocabulary = world.vocabulary
        let predictedType = vocabulary.attributeType(of: v)
        var ofSubject = false
        for other in 0..<vocabulary.types where world.attribute(subject: j, type: other) == v { ofSubject = true }
        if v == world.attribute(subject: j, type: l) { hits[0][l] += 1 }
        if predictedType == l { hits[1][l] += 1 }
        if ofSubject { hits[2][l] += 1 }
        if predictedType != nil { hits[3][l] += 1 }
        counts[l] += 1
    }

    /// Scores the argmax of each row's logits at its query position; `logits` is `[batch, length, V]`.
    public mutating func record(logits: UnsafeBufferPointer<Float>, batch: SequenceBatch, world: RecallWorld) {
        let V = world.vocabulary.size
        precondition(logits.count >= batch.batch * batch.length * V, "logits do not cover the batch")
        for row in 0..<batch.batch {
            record(prediction: Self.prediction(logits, row: row * batch.length + batch.queryPosition(row), vocabulary: V),
                   subject: batch.querySubject[row], type: batch.queryType[row], world: world)
        }
    }

    /// The token with the largest logit in `row` of `logits` (`[rows, vocabulary]`); the first on ties.
    static func prediction(_ logits: UnsafeBufferPointer<Float>, row: Int, vocabulary V: Int) -> Int32 {
        let base = row * V
        var best = 0
        for v in 1..<V where logits[base + v] > logits[base + best] { best = v }
        return Int32(best)
    }

    /// Fraction of all recorded predictions that match, per metric.
    public var overall: [Double] {
        let total = counts.reduce(0, +)
        return hits.map { total > 0 ? Double($0.reduce(0, +)) / Double(total) : 0 }
    }

    /// Fraction per metric and type, `[metric][type]` (0 for a type never queried).
    public var perType: [[Double]] {
        hits.map { row in zip(row, counts).map { $1 > 0 ? Double($0) / Double($1) : 0 } }
    }
}

/// What the match metrics read of a world: its token ids and who has which attribute (§2's
/// world and §4's share both).
public protocol FactTable {
    var vocabulary: Vocabulary { get }
    func attribute(subject j: Int, type l: Int) -> Int32
}

extension RecallWorld: FactTable {}
extension RelationWorld: FactTable {}
