import Pipeline

/// Range checks on validated stage parameters, with errors that name the stage, the
/// parameter and the offending value.
struct StageParameters {
    let context: StageContext

    func positiveInt(_ name: String) throws -> Int {
        let v = context.params.int(name)
        guard v >= 1 else { throw invalid(name, "\(v)", "must be at least 1") }
        return v
    }

    func nonNegativeInt(_ name: String) throws -> Int {
        let v = context.params.int(name)
        guard v >= 0 else { throw invalid(name, "\(v)", "must not be negative") }
        return v
    }

    func nonNegativeDouble(_ name: String) throws -> Double {
        let v = context.params.double(name)
        guard v.isFinite, v >= 0 else { throw invalid(name, "\(v)", "must be finite and not negative") }
        return v
    }

    func positiveDouble(_ name: String) throws -> Double {
        let v = context.params.double(name)
        guard v.isFinite, v > 0 else { throw invalid(name, "\(v)", "must be finite and positive") }
        return v
    }

    private func invalid(_ name: String, _ value: String, _ why: String) -> StageError {
        StageError("stage \(context.stageName): parameter \(name) = \(value) \(why)")
    }
}
