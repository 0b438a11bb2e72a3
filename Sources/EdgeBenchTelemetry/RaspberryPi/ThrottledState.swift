/// `vcgencmd get_throttled` (`throttled=0x50005`): the firmware's throttle bit field. Bits 0–3 say what
/// holds now, bits 16–19 the same thing "has occurred since boot", so a run that was throttled for a
/// moment is still flagged when the sampler looks after the fact.
public struct ThrottledState: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let underVoltage = ThrottledState(rawValue: 1 << 0)
    public static let armFrequencyCapped = ThrottledState(rawValue: 1 << 1)
    public static let throttled = ThrottledState(rawValue: 1 << 2)
    public static let softTemperatureLimit = ThrottledState(rawValue: 1 << 3)
    public static let underVoltageOccurred = ThrottledState(rawValue: 1 << 16)
    public static let armFrequencyCappedOccurred = ThrottledState(rawValue: 1 << 17)
    public static let throttledOccurred = ThrottledState(rawValue: 1 << 18)
    public static let softTemperatureLimitOccurred = ThrottledState(rawValue: 1 << 19)

    static let named: [(ThrottledState, String)] = [
        (.underVoltage, "under-voltage now"),
        (.armFrequencyCapped, "arm frequency capped now"),
        (.throttled, "throttled now"),
        (.softTemperatureLimit, "soft temperature limit now"),
        (.underVoltageOccurred, "under-voltage has occurred since boot"),
        (.armFrequencyCappedOccurred, "arm frequency capping has occurred since boot"),
        (.throttledOccurred, "throttling has occurred since boot"),
        (.softTemperatureLimitOccurred, "soft temperature limit has occurred since boot"),
    ]

    /// e.g. "0x50005: under-voltage now, throttled now, under-voltage has occurred since boot, …".
    /// Any of the "now" bits: the board is limiting itself at this moment (the "occurred" bits are history).
    public var isThrottledNow: Bool {
        !intersection([.underVoltage, .armFrequencyCapped, .throttled, .softTemperatureLimit]).isEmpty
    }

    public var description: String {
        let hex = "0x" + String(rawValue, radix: 16)
        guard rawValue != 0 else { return "\(hex): no throttling, capping or under-voltage since boot" }
        var parts = Self.named.filter { contains($0.0) }.map(\.1)
        let known = Self.named.reduce(ThrottledState()) { $0.union($1.0) }
        let unknown = subtracting(known)
        if !unknown.isEmpty { parts.append("unknown bits 0x" + String(unknown.rawValue, radix: 16)) }
        return "\(hex): " + parts.joined(separator: ", ")
    }

    /// The first `throttled=0x…` line of a reply (a `# comment` after the value is ignored).
    public static func parse(_ reply: String) throws -> ThrottledState {
        let value = try VcgencmdReply.value(in: reply, key: "throttled=", command: "get_throttled", expected: "throttled=0x<hex>")
        let digits = value.line.hasPrefix("0x") || value.line.hasPrefix("0X") ? value.line.dropFirst(2) : value.line[...]
        guard let raw = UInt32(digits, radix: 16) else {
            throw TelemetryLogError(format: "vcgencmd get_throttled", line: value.number, text: value.text, expected: "throttled=0x<hex>")
        }
        return ThrottledState(rawValue: raw)
    }
}
