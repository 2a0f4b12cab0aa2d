import Artifacts
import Pipeline

/// `transience.world`: the exemplar classes of paper 003 (spec 001-003 E5, §3).
public enum WorldStage: StageKind {
    public static let name = "transience.world"
    public static let version = 2
    public static let summary = "Exemplar classes of paper 003: a fixed set of exemplars mu_c + sigma e around each class prototype"
    public static let parameters: [ParamSpec] = [
        ParamSpec("classes", .int, default: .int(12_800), range: .closed(3, 1_000_000), help: "classes, one label each (paper: 12,800)"),
        ParamSpec("exemplars", .int, default: .int(20), range: .closed(1, 10_000), help: "exemplars per class (paper: 20)"),
        ParamSpec("exemplar_size", .int, default: .int(64), range: .closed(1, 4_096),
                  help: "entries of each exemplar (paper: 512-d ResNet-18 features)"),
        ParamSpec("spread", .double, default: .double(1.0), range: .atLeast(0),
                  help: "sigma: spread of exemplars around their prototype, in units of the prototypes' N(0, 1) entries (calibrated: docs/paper-003.md)"),
        ParamSpec("generator", .string, default: .string("prototype"), choices: ClassWorld.Generator.allCases.map(\.rawValue),
                  help: "prototype: mu_c + sigma e; nonlinear: a fixed random network of a latent class code plus noise"),
        ParamSpec("latent_size", .int, default: .int(16), range: .closed(1, 4_096), help: "entries of the nonlinear generator's class codes"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of prototypes and exemplars"),
    ]
    public static let inputs: [InputSpec] = []
    public static let outputs = ["world"]

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let world = ClassWorld(settings: .init(classes: p.int("classes"), exemplarsPerClass: p.int("exemplars"),
                                               exemplarSize: p.int("exemplar_size"), spread: p.double("spread"),
                                               generator: ClassWorld.Generator(rawValue: p.string("generator"))!,
                                               latentSize: p.int("latent_size")),
                               seed: UInt64(bitPattern: Int64(p.int("seed"))))
        let file = try ArtifactFile.create(context.output("world"))
        defer { file.close() }
        try world.write(to: file)
    }
}
