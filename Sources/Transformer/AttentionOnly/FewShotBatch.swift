/// A batch of few-shot sequences `x1 y1 x2 y2 xq` laid out as `AttentionOnlyModel` reads
/// them, in buffers owned here (a clamp borrows `targetRows`, the model the rest, without
/// copies). Each world fills it from its own sequences.
public final class FewShotBatch {
    public static let length = 5
    public let batch: Int
    public let exemplarSize: Int
    /// `[B, 3, exemplarSize]`: x1, x2, xq.
    public let exemplars: UnsafeMutableBufferPointer<Float>
    /// `[B, 2]`: y1, y2.
    public let labels: UnsafeMutableBufferPointer<Int32>
    /// `[B, 5]`: the target label at the query, 0 elsewhere (masked out).
    public let targets: UnsafeMutableBufferPointer<Int32>
    /// `[B, 5]`: true at the query only: the loss is taken there (spec 001-003 §1.2).
    public let mask: UnsafeMutableBufferPointer<Bool>
    /// `[B, 1, 5]`: the query row of a perfect induction head, 1 on the target's label token
    /// (all 0 when the target is not in context).
    public let targetRows: UnsafeMutableBufferPointer<Float>

    public init(batch B: Int, exemplarSize: Int) {
        batch = B; self.exemplarSize = exemplarSize
        exemplars = .allocate(capacity: B * 3 * exemplarSize); exemplars.initialize(repeating: 0)
        labels = .allocate(capacity: B * 2); labels.initialize(repeating: 0)
        targets = .allocate(capacity: B * Self.length); targets.initialize(repeating: 0)
        mask = .allocate(capacity: B * Self.length); mask.initialize(repeating: false)
        for b in 0..<B { mask[b * Self.length + Self.length - 1] = true }
        targetRows = .allocate(capacity: B * Self.length); targetRows.initialize(repeating: 0)
    }

    deinit {
        exemplars.deallocate(); labels.deallocate(); targets.deallocate(); mask.deallocate(); targetRows.deallocate()
    }

    /// Writes sequence `b`: the three exemplar vectors (each `exemplarSize` floats), the two
    /// context labels and the target; the perfect induction row points at the context label
    /// equal to the target (none when it is not in context).
    public func set(_ b: Int, first: UnsafePointer<Float>, second: UnsafePointer<Float>, query: UnsafePointer<Float>,
                    firstLabel: Int, secondLabel: Int, target: Int) {
        let d = exemplarSize, L = Self.length, x = exemplars.baseAddress!
        (x + (b * 3) * d).update(from: first, count: d)
        (x + (b * 3 + 1) * d).update(from: second, count: d)
        (x + (b * 3 + 2) * d).update(from: query, count: d)
        labels[2 * b] = Int32(firstLabel); labels[2 * b + 1] = Int32(secondLabel)
        targets[b * L + L - 1] = Int32(target)
        for j in 0..<L { targetRows[b * L + j] = 0 }
        if target == secondLabel { targetRows[b * L + 3] = 1 } else if target == firstLabel { targetRows[b * L + 1] = 1 }
    }

    public var input: ModelInput { .interleaved(exemplars: UnsafeBufferPointer(exemplars), labels: UnsafeBufferPointer(labels)) }
    public var modelTargets: Targets { .tokens(UnsafeBufferPointer(targets)) }
    public var lossMask: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(mask) }
    /// The match clamp's value: rows 4..<5 of every sequence's pattern.
    public var perfectInductionRows: PatternValue { .rows(UnsafeBufferPointer(targetRows), first: Self.length - 1) }
}
