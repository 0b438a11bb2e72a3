/// Raspberry Pi 5 board power from its PMIC rails.
///
/// The PMIC's ADCs see the rails after the PMIC, not the 5 V input, so Σ(V×I) misses the PMIC's own
/// losses and whatever the USB ports, fan and HAT draw straight from 5 V. The published Pi 5
/// calibration (a linear fit of the rail sum against a USB-C power meter on the 5 V input)
/// maps the sum to board input power; the result is an estimate, never a measurement.
enum PMICCalibration {
    static let gain = 1.1327
    /// W the rails do not see (PMIC losses, 5 V consumers)
    static let offset = 0.6444

    /// Channel of the estimate, in logs and in `RaspberryPiSource`.
    static let channel = "pmic_estimate"

    static func boardPower(railSum: Double) -> Double { gain * railSum + offset }
}

/// One `pmic_read_adc` line: `VDD_CORE_A current(7)=0.82156000A`, `EXT5V_V volt(24)=5.13756000V`.
struct PMICLine: Equatable {
    enum Kind { case current, voltage }
    var name: String
    var kind: Kind
    var value: Double
    /// The largest magnitude (A or V) a PMIC line may report: far above any rail, far below overflow.
    static let largestReading = 1e6

    /// The rail a reading belongs to: `VDD_CORE_A` and `VDD_CORE_V` → `VDD_CORE`.
    var rail: String {
        let suffix = kind == .current ? "_A" : "_V"
        return name.hasSuffix(suffix) ? String(name.dropLast(2)) : name
    }

    init?(_ line: Substring) {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, let equals = parts[1].firstIndex(of: "=") else { return nil }
        let label = parts[1][..<equals]
        var number = parts[1][parts[1].index(after: equals)...]
        if label.hasPrefix("current(") && number.hasSuffix("A") {
            kind = .current
        } else if label.hasPrefix("volt(") && number.hasSuffix("V") {
            kind = .voltage
        } else {
            return nil
        }
        number = number.dropLast()
        // The PMIC's ADC reads a few amperes and volts; a number far outside that is a damaged line, and
        // left in, V × I of two such numbers overflows to an infinite watt.
        guard label.hasSuffix(")"), let value = Double(number), abs(value) <= Self.largestReading else { return nil }
        name = String(parts[0])
        self.value = value
    }

    /// Rails with both a current and a voltage line, in the order their current line came, as (rail, W).
    /// `EXT5V_V` (the 5 V input) and `BATT_V` (the RTC cell) have no current and so never pair.
    static func railPowers(_ lines: [PMICLine]) -> [(rail: String, watts: Double)] {
        var volts: [String: Double] = [:]
        for line in lines where line.kind == .voltage { volts[line.rail] = line.value }
        return lines.compactMap { line in
            guard line.kind == .current, let voltage = volts[line.rail] else { return nil }
            return (line.rail, voltage * line.value)
        }
    }
}
