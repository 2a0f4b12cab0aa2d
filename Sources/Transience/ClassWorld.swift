import Linalg

/// The exemplar classes of paper 003 / thesis ch. 5 (spec 001-003 E5, §3): `classes` classes,
/// each a fixed finite set of `exemplarsPerClass` exemplars drawn once, `mu_c + sigma e` with
/// a prototype `mu_c` and `e` both N(0, I) in `exemplarSize` dimensions. They stand in for the
/// ResNet-18 features of 12,800 augmented Omniglot classes x 20 images; `sigma` (the spread
/// within a class relative to the spacing of prototypes) decides whether ICL appears at all,
/// so it is calibrated (docs/paper-003.md). Class c's label is c, fixed through training.
public struct ClassWorld {
    public struct Settings: Equatable {
        public var classes: Int, exemplarsPerClass: Int, exemplarSize: Int, spread: Double
        public init(classes: Int, exemplarsPerClass: Int, exemplarSize: Int, spread: Double) {
            self.classes = classes; self.exemplarsPerClass = exemplarsPerClass; self.exemplarSize = exemplarSize; self.spread = spread
        }
    }

    public let settings: Settings
    /// `[classes * exemplarsPerClass, exemplarSize]`, class-major.
    public let exemplars: [Float]

    public init(settings s: Settings, seed: UInt64) {
        settings = s
        let root = RNG(seed: seed)
        var prototypes = root.derive("prototypes"), noise = root.derive("exemplar-noise")
        var values = [Float](repeating: 0, count: s.classes * s.exemplarsPerClass * s.exemplarSize)
        for c in 0..<s.classes {
            let mu = (0..<s.exemplarSize).map { _ in prototypes.gaussian() }
            for e in 0..<s.exemplarsPerClass {
                let row = (c * s.exemplarsPerClass + e) * s.exemplarSize
                for j in 0..<s.exemplarSize { values[row + j] = Float(mu[j] + s.spread * noise.gaussian()) }
            }
        }
        exemplars = values
    }

    /// Row of exemplar `e` of class `c` in `exemplars`.
    public func row(_ c: Int, _ e: Int) -> Int { c * settings.exemplarsPerClass + e }
}
