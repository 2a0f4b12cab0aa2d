import Artifacts
import Foundation
import Linalg
import Transformer

/// The exemplar classes of paper 003 / thesis ch. 5 (spec 001-003 E5, §3): `classes` classes,
/// each a fixed finite set of `exemplarsPerClass` exemplars drawn once, `mu_c + sigma e` with
/// a prototype `mu_c` and `e` both N(0, I) in `exemplarSize` dimensions. They stand in for the
/// ResNet-18 features of 12,800 augmented Omniglot classes x 20 images; `sigma` (the spread
/// within a class relative to the spacing of prototypes) decides whether ICL appears at all,
/// so it is calibrated (docs/paper-003.md). Class c's label is c, fixed through training.
///
/// The `nonlinear` generator instead draws a latent code `z_c` of `latentSize` entries per
/// class and maps `z_c + sigma e` through one fixed random network, `W2 tanh(W1 u)`
/// (`W1` N(0, 1/latentSize), `W2` N(0, 1/exemplarSize)): classes that no linear read-out
/// separates as easily, like images of hand-drawn characters.
public struct ClassWorld {
    public enum Generator: String, CaseIterable, Sendable { case prototype, nonlinear }

    public struct Settings: Equatable {
        public var classes: Int, exemplarsPerClass: Int, exemplarSize: Int, spread: Double
        public var generator: Generator, latentSize: Int
        public init(classes: Int, exemplarsPerClass: Int, exemplarSize: Int, spread: Double,
                    generator: Generator = .prototype, latentSize: Int = 16) {
            self.classes = classes; self.exemplarsPerClass = exemplarsPerClass; self.exemplarSize = exemplarSize; self.spread = spread
            self.generator = generator; self.latentSize = latentSize
        }
    }

    public let settings: Settings
    /// `[classes * exemplarsPerClass, exemplarSize]`, class-major.
    public let exemplars: [Float]

    public init(settings s: Settings, seed: UInt64) {
        settings = s
        let root = RNG(seed: seed)
        var prototypes = root.derive("prototypes"), noise = root.derive("exemplar-noise"), network = root.derive("network")
        let k = s.generator == .prototype ? s.exemplarSize : s.latentSize, d = s.exemplarSize
        let w1 = (0..<(d * k)).map { _ in network.gaussian() / Double(k).squareRoot() }
        let w2 = (0..<(d * d)).map { _ in network.gaussian() / Double(d).squareRoot() }
        var values = [Float](repeating: 0, count: s.classes * s.exemplarsPerClass * d)
        var u = [Double](repeating: 0, count: k), hidden = [Double](repeating: 0, count: d)
        for c in 0..<s.classes {
            let mu = (0..<k).map { _ in prototypes.gaussian() }
            for e in 0..<s.exemplarsPerClass {
                let row = (c * s.exemplarsPerClass + e) * d
                for j in 0..<k { u[j] = mu[j] + s.spread * noise.gaussian() }
                switch s.generator {
                case .prototype:
                    for j in 0..<d { values[row + j] = Float(u[j]) }
                case .nonlinear:
                    for i in 0..<d { hidden[i] = tanh((0..<k).reduce(0.0) { $0 + w1[i * k + $1] * u[$1] }) }
                    for i in 0..<d { values[row + i] = Float((0..<d).reduce(0.0) { $0 + w2[i * d + $1] * hidden[$1] }) }
                }
            }
        }
        exemplars = values
    }

    private init(settings: Settings, exemplars: [Float]) { self.settings = settings; self.exemplars = exemplars }

    /// Row of exemplar `e` of class `c` in `exemplars`.
    public func row(_ c: Int, _ e: Int) -> Int { c * settings.exemplarsPerClass + e }

    // MARK: Artifact

    public func write(to file: ArtifactFile) throws {
        let s = settings
        try file.write("exemplars", exemplars, shape: [s.classes * s.exemplarsPerClass, s.exemplarSize])
        try file.setAttribute("classes", .int(Int64(s.classes)))
        try file.setAttribute("exemplars_per_class", .int(Int64(s.exemplarsPerClass)))
        try file.setAttribute("spread", .double(s.spread))
        try file.setAttribute("generator", .string(s.generator.rawValue))
        try file.setAttribute("latent_size", .int(Int64(s.latentSize)))
    }

    public static func read(from url: URL) throws -> ClassWorld {
        let file = try ArtifactFile.open(url)
        defer { file.close() }
        let classes = try file.requiredInt("classes"), per = try file.requiredInt("exemplars_per_class")
        let a = try file.read("exemplars", as: Float.self)
        guard a.shape.count == 2, a.shape[0] == classes * per, classes >= 3, per >= 1 else {
            throw ArtifactError(file: url.path, .shapeMismatch(path: "exemplars",
                                detail: "shape \(a.shape), expected [classes * exemplars_per_class = \(classes * per), size] with at least 3 classes"))
        }
        let name = try file.requiredString("generator")
        guard let generator = Generator(rawValue: name) else {
            throw ArtifactError(file: url.path, .shapeMismatch(path: "/", detail: "generator = \(name) is not one of prototype, nonlinear"))
        }
        return ClassWorld(settings: Settings(classes: classes, exemplarsPerClass: per, exemplarSize: a.shape[1],
                                             spread: try file.requiredDouble("spread"), generator: generator,
                                             latentSize: try file.requiredInt("latent_size")), exemplars: a.values)
    }
}

extension FewShotBatch {
    /// Writes `s` into slot `b`.
    func set(_ b: Int, _ s: TransienceSequence, world: ClassWorld) {
        let d = exemplarSize
        world.exemplars.withUnsafeBufferPointer { e in
            let x = e.baseAddress!
            set(b, first: x + world.row(s.first.classIndex, s.first.exemplar) * d,
                second: x + world.row(s.second.classIndex, s.second.exemplar) * d,
                query: x + world.row(s.queryClass, s.queryExemplar) * d,
                firstLabel: s.first.label, secondLabel: s.second.label, target: s.target)
        }
    }
}
