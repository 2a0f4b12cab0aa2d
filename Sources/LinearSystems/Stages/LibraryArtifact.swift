import Artifacts

/// How a `SystemLibrary` lives in an artifact: `<group>/systems` [K, 5, 5] Float64 and
/// `<group>/states` [K, length, 5] Float32 for one initial state per system, or
/// [K, initialStates, length, 5] for several.
extension SystemLibrary {
    public func write(to file: ArtifactFile, group: String) throws {
        let d = SystemLibrary.stateDimension
        try file.write(group + "/systems", systems, shape: [systemCount, d, d])
        let shape = initialStates == 1 ? [systemCount, length, d] : [systemCount, initialStates, length, d]
        try file.write(group + "/states", states, shape: shape)
    }

    public static func read(from file: ArtifactFile, group: String) throws -> SystemLibrary {
        let d = stateDimension
        let systems = try file.read(group + "/systems", as: Double.self)
        let states = try file.read(group + "/states", as: Float.self)
        let s = states.shape
        guard systems.shape.count == 3, systems.shape[1] == d, systems.shape[2] == d,
              (s.count == 3 || s.count == 4), s.first == systems.shape[0], s.last == d else {
            throw LibraryError.shape("\(file.url.path): \(group)/systems \(systems.shape) and "
                                     + "\(group)/states \(s) are not [K,5,5] and [K,(S,)L,5]")
        }
        return try SystemLibrary(systemCount: s[0], initialStates: s.count == 4 ? s[1] : 1,
                                 length: s[s.count - 2], systems: systems.values, states: states.values)
    }
}
