/// The values a numeric parameter (int, double, or a list of either, per element) may take.
/// Declared on a `ParamSpec` so that a value no run could use (`batch: 0`, `lr: -1`) or one
/// that would attempt a huge allocation (`systems: 1000000000000`) is rejected with the
/// pipeline.yaml line it came from when the plan is built, before any stage runs.
///
/// Notation (in `toyworld kinds` and in error messages): mathematical interval notation, a
/// square bracket for an inclusive bound and a parenthesis for an exclusive one, `inf` for no
/// upper bound:
///
///     [1, inf)       at least 1                  .atLeast(1)
///     (0, inf)       greater than 0              .above(0)
///     [0, 1)         at least 0 and less than 1  .halfOpen(0, 1)
///     [1, 1000000]   from 1 to 1000000           .closed(1, 1_000_000)
///     (0, 1)         between 0 and 1, exclusive  .open(0, 1)
///
/// Bounds are doubles; an int parameter's value is compared as a double, which is exact for
/// bounds below 2^53 in magnitude (all a kind needs).
public struct ParamRange: Equatable, Sendable, CustomStringConvertible {
    public struct Bound: Equatable, Sendable {
        public let value: Double
        public let inclusive: Bool
        public init(_ value: Double, inclusive: Bool) {
            self.value = value
            self.inclusive = inclusive
        }
    }

    public let lower: Bound
    /// nil: no upper bound.
    public let upper: Bound?

    public init(lower: Bound, upper: Bound? = nil) {
        precondition(lower.value.isFinite && (upper?.value.isFinite ?? true), "a parameter range needs finite bounds")
        if let upper {
            precondition(lower.value < upper.value || (lower.value == upper.value && lower.inclusive && upper.inclusive),
                         "parameter range \(ParamRange.render(lower, upper)) holds no value")
        }
        self.lower = lower
        self.upper = upper
    }

    /// `[minimum, inf)`.
    public static func atLeast(_ minimum: Double) -> ParamRange { ParamRange(lower: Bound(minimum, inclusive: true)) }
    /// `(minimum, inf)`.
    public static func above(_ minimum: Double) -> ParamRange { ParamRange(lower: Bound(minimum, inclusive: false)) }
    /// `[lower, upper]`.
    public static func closed(_ lower: Double, _ upper: Double) -> ParamRange {
        ParamRange(lower: Bound(lower, inclusive: true), upper: Bound(upper, inclusive: true))
    }
    /// `[lower, upper)`.
    public static func halfOpen(_ lower: Double, _ upper: Double) -> ParamRange {
        ParamRange(lower: Bound(lower, inclusive: true), upper: Bound(upper, inclusive: false))
    }
    /// `(lower, upper)`.
    public static func open(_ lower: Double, _ upper: Double) -> ParamRange {
        ParamRange(lower: Bound(lower, inclusive: false), upper: Bound(upper, inclusive: false))
    }

    public func contains(_ x: Double) -> Bool {
        guard lower.inclusive ? x >= lower.value : x > lower.value else { return false }
        guard let upper else { return true }
        return upper.inclusive ? x <= upper.value : x < upper.value
    }

    /// The first number of `value` outside the range: `(nil, x)` for a single number,
    /// `(index, x)` for a list element.
    func firstOutside(_ value: ParamValue) -> (index: Int?, value: ParamValue)? {
        switch value {
        case .int(let v): return contains(Double(v)) ? nil : (nil, value)
        case .double(let v): return contains(v) ? nil : (nil, value)
        case .list(let xs):
            for (i, x) in xs.enumerated() where firstOutside(x) != nil { return (i, x) }
            return nil
        case .string, .bool: return nil
        }
    }

    public var description: String { ParamRange.render(lower, upper) }

    private static func render(_ lower: Bound, _ upper: Bound?) -> String {
        (lower.inclusive ? "[" : "(") + number(lower.value) + ", "
            + (upper.map { number($0.value) + ($0.inclusive ? "]" : ")") } ?? "inf)")
    }

    /// `1`, not `1.0`: most bounds are counts.
    private static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}
