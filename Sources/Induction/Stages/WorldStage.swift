import Artifacts
import Pipeline

/// `induction.world`: exemplars, labels and the held-out label pairs of thesis ch. 4 (spec E4).
public enum WorldStage: StageKind {
    public static let name = "induction.world"
    public static let version = 1
    public static let summary = "Few-shot world of thesis ch. 4: one synthetic exemplar per class, labels, held-out classes and label pairs"
    public static let parameters: [ParamSpec] = [
        ParamSpec("classes", .int, default: .int(50), range: .closed(2, 100_000), help: "training classes C (thesis: 50)"),
        ParamSpec("test_classes", .int, default: .int(100), range: .closed(2, 100_000), help: "held-out classes of test (exemplars) (thesis: 100)"),
        ParamSpec("labels", .int, default: .int(5), range: .closed(3, 1_000), help: "labels L (thesis: 5)"),
        ParamSpec("exemplar_size", .int, default: .int(64), range: .closed(1, 4_096),
                  help: "entries of each N(0, 1) exemplar vector (thesis: 512-d ResNet features)"),
        ParamSpec("shared_share", .double, default: .double(0.6), range: .halfOpen(0, 1),
                  help: "share of each exemplar's variance in a vector all classes share, their expected cosine similarity (calibrated: docs/thesis-ch4.md)"),
        ParamSpec("held_out_pair_share", .double, default: .double(0.2), range: .halfOpen(0, 1),
                  help: "share of unordered label pairs held out for test (relabel) (thesis: 0.2)"),
        ParamSpec("seed", .int, default: .int(0), help: "seed of the exemplars and the held-out pairs"),
    ]
    public static let rules: [ParamRule] = [
        ParamRule("at least one label pair is held out and one kept", keys: ["labels", "held_out_pair_share"]) { p in
            let pairs = p.int("labels") * (p.int("labels") - 1) / 2, held = heldOut(p)
            return held >= 1 && held < pairs ? nil
                : "held_out_pair_share = \(p.double("held_out_pair_share")) of \(pairs) label pairs holds out \(held); it must hold out at least one and keep one"
        },
    ]
    public static let inputs: [InputSpec] = []
    public static let outputs = ["world"]

    static func heldOut(_ p: Parameters) -> Int {
        let pairs = p.int("labels") * (p.int("labels") - 1) / 2
        return Int((p.double("held_out_pair_share") * Double(pairs)).rounded())
    }

    public static func run(_ context: StageContext) throws {
        let p = context.params
        let settings = FewShotWorld.Settings(classes: p.int("classes"), testClasses: p.int("test_classes"), labels: p.int("labels"),
                                             exemplarSize: p.int("exemplar_size"), heldOutPairs: heldOut(p),
                                             sharedShare: p.double("shared_share"))
        let world = FewShotWorld(settings: settings, seed: UInt64(bitPattern: Int64(p.int("seed"))))
        let file = try ArtifactFile.create(context.output("world"))
        defer { file.close() }
        try world.write(to: file)
    }
}
