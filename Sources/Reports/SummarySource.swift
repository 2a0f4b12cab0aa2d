import Foundation
import Pipeline

/// One `toyworld summary` subcommand as the claims stage reads it: the artifacts it needs, by
/// role, and the report it makes of them. The claims stage names its inputs
/// `<source>_<role>` (`transience_main`) and files each report's facts under the source's name.
protocol SummarySource {
    static var name: String { get }
    /// The roles; an optional one may be left out, a multiple one takes several artifacts.
    static var roles: [InputSpec] { get }
    static func report(_ artifacts: [String: [URL]]) throws -> SummaryReport
}

extension SummarySource {
    static func inputName(_ role: String) -> String { "\(name)_\(role)" }

    /// The single artifact of a role the claims stage has checked is present.
    static func one(_ artifacts: [String: [URL]], _ role: String) -> URL { artifacts[role]!.first! }

    /// The artifacts of those optional `roles` that are present, each labelled by its role.
    static func labelled(_ artifacts: [String: [URL]], _ roles: [String]) -> [(label: String, url: URL)] {
        roles.compactMap { role in artifacts[role]?.first.map { (label: role, url: $0) } }
    }
}
