/// What an axis shows: a title, the unit (always printed in the title), and how tick labels read.
public struct ChartAxis: Sendable {
    public var title: String
    /// SI or derived unit of the values on this axis ("W", "tok/s", "J/token", "s").
    public var unit: String
    public var format: TickFormat

    /// Tick labels default to plain compact numbers: the unit is in the title, repeating it on
    /// every tick costs width a phone does not have.
    public init(title: String, unit: String, format: TickFormat? = nil) {
        self.title = title
        self.unit = unit
        self.format = format ?? TickFormats.number
    }

    /// "Mean power (W)"; a unitless axis (a ratio) says so rather than leaving the reader to guess.
    public var titleWithUnit: String {
        title + " (" + (unit.isEmpty ? "ratio" : unit) + ")"
    }

    /// A value as printed in labels and hover titles, always with its unit: "12.5 tok/s".
    public func valueText(_ value: Double) -> String {
        let number = format(value)
        return unit.isEmpty || number.hasSuffix(unit) ? number : number + " " + unit
    }
}
