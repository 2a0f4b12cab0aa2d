import Linalg

/// One exemplar shown with a label.
public struct LabelledExemplar: Equatable, Sendable {
    public var classIndex: Int, exemplar: Int, label: Int
}

/// Which sequences a set draws: the training data and the four evaluators of spec §1.3 (paper
/// 003 §2.3), each a context of two exemplar-label pairs and a query.
public enum TransienceSet: String, CaseIterable, Sendable {
    /// Bursty training data: one context pair from the query's class, one from a distractor
    /// class, in random order, training labels; every exemplar drawn independently.
    case train
    /// As `train`, but the same-class context exemplar is the query exemplar itself (spec §5).
    case matched
    /// Training-like context with the labels replaced by 0 and 1 at random; the target is the
    /// one paired with the query's class.
    case icl
    /// Two context classes, neither the query's, with training labels; the target (the query's
    /// own label) is not in context.
    case iwl
    /// As `iwl`, but the query's label sits on one context exemplar of another class.
    case ciwl
    /// Training-like context with the two labels swapped; the target is the label shown with
    /// the query's class (the distractor's own label).
    case flip
}

/// A sequence `x1 y1 x2 y2 xq` and its target.
public struct TransienceSequence: Equatable, Sendable {
    public var first: LabelledExemplar, second: LabelledExemplar
    public var queryClass: Int, queryExemplar: Int
    public var target: Int

    /// Draws from `set` over the first `classes` classes and the first `exemplars` exemplars of
    /// each (the evaluators of paper 003's code use 1,600 classes and 5 exemplars).
    public static func draw(_ set: TransienceSet, classes: Int, exemplars: Int, _ rng: inout RNG) -> TransienceSequence {
        let query = rng.int(below: classes), queryExemplar = rng.int(below: exemplars)
        func other(than excluded: [Int]) -> Int {
            var c = rng.int(below: classes - excluded.count)
            for e in excluded.sorted() where c >= e { c += 1 }
            return c
        }
        func pair(_ c: Int, label: Int) -> LabelledExemplar { LabelledExemplar(classIndex: c, exemplar: rng.int(below: exemplars), label: label) }
        func ordered(_ a: LabelledExemplar, _ b: LabelledExemplar) -> (LabelledExemplar, LabelledExemplar) {
            rng.int(below: 2) == 0 ? (a, b) : (b, a)
        }
        switch set {
        case .train, .matched, .icl, .flip:
            let distractor = other(than: [query])
            var same = pair(query, label: query), foreign = pair(distractor, label: distractor)
            if set == .matched { same.exemplar = queryExemplar }
            if set == .icl {
                let queryGetsOne = rng.int(below: 2) == 1
                same.label = queryGetsOne ? 1 : 0; foreign.label = queryGetsOne ? 0 : 1
            }
            if set == .flip { swap(&same.label, &foreign.label) }
            let (a, b) = ordered(same, foreign)
            return TransienceSequence(first: a, second: b, queryClass: query, queryExemplar: queryExemplar, target: same.label)
        case .iwl, .ciwl:
            let c1 = other(than: [query]), c2 = other(than: [query, c1])
            var a = pair(c1, label: c1), b = pair(c2, label: c2)
            if set == .ciwl {
                if rng.int(below: 2) == 0 { a.label = query } else { b.label = query }
            }
            return TransienceSequence(first: a, second: b, queryClass: query, queryExemplar: queryExemplar, target: query)
        }
    }

    /// The 0-based position of the context label equal to the target (1 or 3), nil when the
    /// target is not in context (IWL).
    public var targetPosition: Int? {
        first.label == target ? 1 : second.label == target ? 3 : nil
    }

    /// In-context accuracy (spec §1.3): the argmax over the labels present in context only.
    public func inContextCorrect(_ logits: UnsafeBufferPointer<Float>) -> Bool {
        let a = first.label, b = second.label
        let choice = logits[a] >= logits[b] ? a : b
        return choice == target
    }
}
