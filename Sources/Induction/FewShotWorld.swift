import Artifacts
import Foundation
import Linalg

/// The few-shot world of thesis chapter 4 (spec E4): `classes` training classes and
/// `testClasses` held-out ones, one fixed exemplar vector each, `labels` labels of which a
/// fixed share of the unordered label pairs is held out of training.
///
/// Exemplars are synthetic ([A], spec §3): `sqrt(rho) m + sqrt(1 - rho) e_c` with `m` one
/// N(0, I) vector shared by every class and `e_c` the class's own, of `exemplarSize` entries,
/// standing in for the 512-d ResNet features of Omniglot images, which the model only ever
/// sees through a learned projection. With one exemplar per class the 50 training classes are
/// 50 fixed vectors either way; `rho` (`sharedShare`) sets how alike they are, as image
/// features of one network are (all positive, with cosine similarities well above 0).
public struct FewShotWorld {
    public struct Settings: Equatable {
        public var classes: Int, testClasses: Int, labels: Int, exemplarSize: Int, heldOutPairs: Int
        /// Expected cosine similarity of two classes' exemplars: the share of each exemplar's
        /// variance in one vector all classes share.
        public var sharedShare: Double
        public init(classes: Int, testClasses: Int, labels: Int, exemplarSize: Int, heldOutPairs: Int, sharedShare: Double = 0) {
            self.classes = classes; self.testClasses = testClasses; self.labels = labels
            self.exemplarSize = exemplarSize; self.heldOutPairs = heldOutPairs; self.sharedShare = sharedShare
        }
        /// Unordered label pairs.
        public var labelPairs: Int { labels * (labels - 1) / 2 }
    }

    public let settings: Settings
    /// `[classes + testClasses, exemplarSize]`; rows `classes...` are the held-out classes.
    public let exemplars: [Float]
    /// Unordered label pairs (a < b) used in training, and the held-out ones.
    public let trainPairs: [LabelPair]
    public let heldOutPairs: [LabelPair]

    public struct LabelPair: Equatable, Hashable {
        public let a: Int, b: Int
    }

    public init(settings s: Settings, seed: UInt64) {
        settings = s
        let root = RNG(seed: seed)
        var rng = root.derive("exemplars"), sharedRng = root.derive("shared-exemplar-component")
        let shared = (0..<s.exemplarSize).map { _ in sharedRng.gaussian() }
        let a = s.sharedShare.squareRoot(), b = (1 - s.sharedShare).squareRoot()
        exemplars = (0..<((s.classes + s.testClasses) * s.exemplarSize)).map { i in Float(a * shared[i % s.exemplarSize] + b * rng.gaussian()) }
        var pairs: [LabelPair] = []
        for a in 0..<s.labels { for b in (a + 1)..<s.labels { pairs.append(LabelPair(a: a, b: b)) } }
        var pick = root.derive("held-out-pairs")
        let held = Set(pick.sample(s.heldOutPairs, from: pairs.count))
        trainPairs = pairs.indices.filter { !held.contains($0) }.map { pairs[$0] }
        heldOutPairs = pairs.indices.filter { held.contains($0) }.map { pairs[$0] }
    }

    private init(settings: Settings, exemplars: [Float], trainPairs: [LabelPair], heldOutPairs: [LabelPair]) {
        self.settings = settings; self.exemplars = exemplars; self.trainPairs = trainPairs; self.heldOutPairs = heldOutPairs
    }

    /// Distinct training sequences: ordered class pairs x ordered training label pairs x query
    /// choice (spec E4, App. C.1: 78,400 for 50 classes and 8 of 10 label pairs).
    public var trainingSequenceCount: Int { settings.classes * (settings.classes - 1) * trainPairs.count * 2 * 2 }

    // MARK: Artifact

    public func write(to file: ArtifactFile) throws {
        let s = settings
        try file.write("exemplars", exemplars, shape: [s.classes + s.testClasses, s.exemplarSize])
        try file.write("train_pairs", trainPairs.flatMap { [Int32($0.a), Int32($0.b)] }, shape: [trainPairs.count, 2])
        try file.write("held_out_pairs", heldOutPairs.flatMap { [Int32($0.a), Int32($0.b)] }, shape: [heldOutPairs.count, 2])
        for (key, value) in [("classes", s.classes), ("test_classes", s.testClasses), ("labels", s.labels),
                             ("exemplar_size", s.exemplarSize), ("training_sequences", trainingSequenceCount)] {
            try file.setAttribute(key, .int(Int64(value)))
        }
        try file.setAttribute("shared_share", .double(s.sharedShare))
    }

    public static func read(from url: URL) throws -> FewShotWorld {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let s = Settings(classes: try file.requiredInt("classes"), testClasses: try file.requiredInt("test_classes"),
                         labels: try file.requiredInt("labels"), exemplarSize: try file.requiredInt("exemplar_size"), heldOutPairs: 0,
                         sharedShare: try file.requiredDouble("shared_share"))
        let exemplars = try file.read("exemplars", as: Float.self)
        func fail(_ why: String) -> ArtifactError { ArtifactError(file: url.path, .shapeMismatch(path: "/", detail: why)) }
        guard exemplars.shape == [s.classes + s.testClasses, s.exemplarSize] else {
            throw fail("exemplars have shape \(exemplars.shape), expected [\(s.classes + s.testClasses), \(s.exemplarSize)]")
        }
        func pairs(_ path: String) throws -> [LabelPair] {
            let a = try file.read(path, as: Int32.self)
            guard a.shape.count == 2, a.shape[1] == 2, a.values.allSatisfy({ (0..<Int32(s.labels)).contains($0) }) else {
                throw fail("\(path) must be [n, 2] labels below \(s.labels), got shape \(a.shape)")
            }
            return (0..<a.shape[0]).map { LabelPair(a: Int(a.values[2 * $0]), b: Int(a.values[2 * $0 + 1])) }
        }
        let train = try pairs("train_pairs"), held = try pairs("held_out_pairs")
        var settings = s; settings.heldOutPairs = held.count
        return FewShotWorld(settings: settings, exemplars: exemplars.values, trainPairs: train, heldOutPairs: held)
    }
}
