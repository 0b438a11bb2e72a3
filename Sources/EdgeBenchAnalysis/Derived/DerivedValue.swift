/// A derived metric's outcome: a number, or why there is none. A missing input is never replaced by a
/// default — the report prints "n/a — reason" instead.
public enum DerivedValue: Sendable, Equatable {
    case value(Double)
    case notAvailable(String)

    public var number: Double? {
        if case .value(let v) = self { return v }
        return nil
    }

    public var reason: String? {
        if case .notAvailable(let why) = self { return why }
        return nil
    }

    /// `v` when finite, else n/a: a division by zero must not reach a table or a ranking as ∞.
    static func finite(_ v: Double, _ what: String) -> DerivedValue {
        v.isFinite ? .value(v) : .notAvailable("\(what) is not finite (a zero in the denominator)")
    }
}
