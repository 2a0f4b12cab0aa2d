import Linalg

/// Which sequences a set draws (spec E4).
public enum FewShotSplit: String, CaseIterable, Sendable {
    /// Training classes and training label pairs.
    case train
    /// "test (exemplars)": held-out classes, training label pairs (tests the match).
    case exemplars
    /// "test (relabel)": training classes, held-out label pairs only (tests the copy).
    case relabel
}

/// One 2-way 1-shot sequence `x1 y1 x2 y2 xq`: two different classes with two different
/// labels in context, the query from one of them.
public struct FewShotSequence: Equatable {
    public var first: Int, second: Int
    public var firstLabel: Int, secondLabel: Int
    /// The query repeats the first context class (else the second).
    public var queryIsFirst: Bool

    public var queryClass: Int { queryIsFirst ? first : second }
    public var target: Int { queryIsFirst ? firstLabel : secondLabel }
    /// Position of the target label token (1 or 3); the other label sits at 4 - this.
    public var targetPosition: Int { queryIsFirst ? 1 : 3 }

    /// A uniform draw from `split`: an ordered pair of distinct classes, a label pair of the
    /// split in random order, a random query.
    public static func draw(_ split: FewShotSplit, world: FewShotWorld, _ rng: inout RNG) -> FewShotSequence {
        let s = world.settings
        let base = split == .exemplars ? s.classes : 0
        let count = split == .exemplars ? s.testClasses : s.classes
        let first = rng.int(below: count), other = rng.int(below: count - 1)
        let pairs = split == .relabel ? world.heldOutPairs : world.trainPairs
        let pair = pairs[rng.int(below: pairs.count)]
        let swapped = rng.int(below: 2) == 1
        return FewShotSequence(first: base + first, second: base + (other >= first ? other + 1 : other),
                               firstLabel: swapped ? pair.b : pair.a, secondLabel: swapped ? pair.a : pair.b,
                               queryIsFirst: rng.int(below: 2) == 0)
    }

    /// Every distinct training sequence, in a fixed order.
    public static func allTraining(_ world: FewShotWorld) -> [FewShotSequence] {
        var all: [FewShotSequence] = []
        all.reserveCapacity(world.trainingSequenceCount)
        for first in 0..<world.settings.classes {
            for second in 0..<world.settings.classes where second != first {
                for pair in world.trainPairs {
                    for (a, b) in [(pair.a, pair.b), (pair.b, pair.a)] {
                        for queryIsFirst in [true, false] {
                            all.append(FewShotSequence(first: first, second: second, firstLabel: a, secondLabel: b, queryIsFirst: queryIsFirst))
                        }
                    }
                }
            }
        }
        return all
    }
}
