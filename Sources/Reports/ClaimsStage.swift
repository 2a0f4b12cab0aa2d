import Artifacts
import Foundation
import Pipeline

/// The `claims` stage kind: fills a claim table's template (`ClaimTemplate`) with the facts of
/// the `toyworld summary` reports of its inputs and publishes it as Markdown under docs/claims/
/// (docs/claims/<profile>/ for profiles other than `default`). The tables in docs/ are then
/// made from the artifacts they describe and cannot drift from them after a retrain.
public enum ClaimsStage: StageKind {
    public static let name = "claims"
    /// Raise it when a summary's facts change, so that every table is made again.
    public static let version = 2
    public static let summary = "fill a claim table (docs/claims/*.yaml) with the numbers of toyworld summary and publish it as Markdown"
    public static let parameters = [
        ParamSpec("template", .file, help: "claim template, relative to the repository root (docs/claims/<paper>.yaml)"),
        ParamSpec("document", .string, help: "base name of the Markdown file written under docs/claims/ (a plain name)"),
        .activeProfile("profile", help: "the active profile; other than `default`, the table goes to docs/claims/<profile>/"),
    ]
    public static var inputs: [InputSpec] {
        SummarySources.all.flatMap { source in
            source.roles.map { role in
                InputSpec(source.inputName(role.name), multiple: role.multiple, optional: true,
                          help: "for `toyworld summary \(source.name)`: \(role.help)")
            }
        }
    }
    public static let outputs = ["claims"]
    public static let rules = [ParamRule.plainFileName("document", writtenInside: "docs/claims/")]

    public static func run(_ context: StageContext) throws {
        let templatePath = context.params.string("template")
        let templateText = try String(contentsOf: context.rootDirectory.appendingPathComponent(templatePath), encoding: .utf8)
        let template = try ClaimTemplate(templateText, file: templatePath)
        let facts = try self.facts(context.inputs, stage: context.stageName)
        let profile = context.params.string("profile")
        let markdown = try template.render(Facts(root: facts), source: "`toyworld repro` (stage \(context.stageName), profile \(profile))")

        let folder = profile == "default" ? "docs/claims" : "docs/claims/\(profile)"
        let out = try ArtifactFile.create(context.output("claims"))
        defer { out.close() }
        try out.publish(Array(markdown.utf8), as: "md", at: "\(folder)/\(context.params.string("document")).md")
        try out.setAttribute("facts", .string(facts.pretty))
        try out.setAttribute("template", .string(templateText))
    }

    /// The reports of every summary that has inputs, each under its name.
    static func facts(_ inputs: [String: [URL]], stage: String) throws -> JSONValue {
        var facts: [String: JSONValue] = [:]
        for source in SummarySources.all {
            var artifacts: [String: [URL]] = [:]
            for role in source.roles {
                if let urls = inputs[source.inputName(role.name)], !urls.isEmpty { artifacts[role.name] = urls }
            }
            guard !artifacts.isEmpty else { continue }
            let missing = source.roles.filter { !$0.optional && artifacts[$0.name] == nil }.map { source.inputName($0.name) }
            guard missing.isEmpty else {
                throw StageError("stage \(stage): the \(source.name) summary also needs \(missing.joined(separator: ", ")) in `needs:`")
            }
            facts[source.name] = try source.report(artifacts).json
        }
        guard !facts.isEmpty else {
            throw StageError("stage \(stage): `needs:` names no summary input; `toyworld kinds claims` lists them")
        }
        return .object(facts)
    }
}
