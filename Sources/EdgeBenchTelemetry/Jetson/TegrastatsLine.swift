import EdgeBenchCore

/// One parsed tegrastats line: the readings it holds, in SI units, without time (the caller stamps them).
///
/// Names: rails, temperatures and engine clocks as tegrastats prints them (`VDD_IN`, `tj`, `APE`);
/// per-core load `CPU0`… with clocks `CPU0_FREQ`…; `EMC` / `GR3D` load with clocks `EMC_FREQ` /
/// `GR3D_FREQ` (`GR3D_FREQ_GPC0`… when tegrastats lists one clock per GPC); memory `RAM`, `RAM_TOTAL`,
/// `SWAP`, `SWAP_TOTAL`. Each name holds one quantity, because the sampler keys series by channel name.
public struct TegrastatsLine: Sendable, Equatable {
    /// The line's own timestamp in seconds (see `TegrastatsTimestamp`), nil for older tegrastats.
    public var timestamp: Double?
    /// `t` is nil in these; `unit` is "W", "C", "%" (0–100), "Hz" or "B".
    public var readings: [LogReading]

    public init(timestamp: Double?, readings: [LogReading]) {
        self.timestamp = timestamp
        self.readings = readings
    }

    /// Rails that feed the whole module, best first: JetPack 5+ and TX2/Xavier name it `VDD_IN`,
    /// JetPack 4 on the Nano `POM_5V_IN`.
    public static let moduleInputRails = ["VDD_IN", "POM_5V_IN"]

    /// The line's readings as live telemetry: load becomes a 0–1 ratio (Core's `Quantity.utilisation`).
    /// A line with rails but no module-input rail (AGX Orin, AGX Xavier on JetPack 4) also gets the
    /// rails' sum as `TegrastatsLog.sumOfRailsChannel`, as a log does: the closest whole-module figure
    /// tegrastats offers there, at the SoC-rails boundary (`PowerSelection` says so), never one rail alone.
    public var liveReadings: [Reading] {
        var live = readings.map { reading in
            switch reading.quantity {
            case .utilisation: Reading(channel: reading.name, quantity: .utilisation, value: reading.value / 100)
            case .temperature: Reading(channel: reading.name, quantity: .temperature, value: reading.value)
            case .frequency: Reading(channel: reading.name, quantity: .frequency, value: reading.value)
            case .memory: Reading(channel: reading.name, quantity: .memory, value: reading.value)
            default: Reading(channel: reading.name, quantity: .power, value: reading.value)
            }
        }
        let rails = readings.filter { $0.quantity == .power }
        if !rails.isEmpty, !rails.contains(where: { Self.moduleInputRails.contains($0.name) }) {
            live.append(Reading(
                channel: TegrastatsLog.sumOfRailsChannel, quantity: .power, value: rails.reduce(0) { $0 + $1.value }))
        }
        return live
    }
}

extension TegrastatsLine {
    /// Parses one line of tegrastats output. Returns nil for lines that are not tegrastats output at all
    /// (blank lines, shell prompts, the command line itself); throws `TelemetryLogError` for a line that
    /// is tegrastats output but damaged, so a cut or garbled capture is not silently half-read.
    /// Text before `RAM` (a sudo prompt, a log prefix) is ignored, except a timestamp right before it.
    public static func parse(_ line: some StringProtocol, lineNumber: Int) throws(TelemetryLogError) -> TegrastatsLine? {
        let text = Substring(line)
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        // the token being read: an error's column
        var index = 0
        let damaged = { (expected: String) in
            TelemetryLogError(
                format: TegrastatsLog.format, line: lineNumber,
                column: index < tokens.count ? text.column(of: tokens[index].startIndex) : 1,
                text: String(line), expected: expected)
        }
        guard let ram = tokens.firstIndex(of: "RAM") else {
            if looksLikeTegrastats(tokens) { throw damaged("\"RAM <used>/<total>MB\" starting the tegrastats fields") }
            return nil
        }
        var timestamp: Double?
        if ram >= 2 { timestamp = TegrastatsTimestamp.seconds(date: tokens[ram - 2], time: tokens[ram - 1]) }

        var readings: [LogReading] = []
        index = ram
        while index < tokens.count {
            let token = tokens[index]
            let next: Substring? = index + 1 < tokens.count ? tokens[index + 1] : nil
            switch token {
            case "RAM", "SWAP":
                // a second RAM: two records run together (a lost newline), whose values cannot be told apart
                if token == "RAM", index != ram { throw damaged("one tegrastats record per line") }
                guard let next, let (used, total) = megabytePair(next) else {
                    throw damaged("\"\(token) <used>/<total>MB\"")
                }
                readings.append(memory(String(token), used))
                readings.append(memory("\(token)_TOTAL", total))
                index += 2
            case "IRAM":
                // on-chip SRAM in kB, not system memory
                index += 2
            case "CPU" where next?.hasPrefix("[") ?? true:
                // (AGX Xavier on JetPack 4 also has a rail named CPU: "CPU 311/311", handled as a rail below)
                guard let next, next.hasSuffix("]"), let cores = cpuLoads(next) else {
                    throw damaged("\"CPU [<load>%@<MHz>,off,…]\"")
                }
                readings.append(contentsOf: cores)
                index += 2
            case "MTS":
                // Denver migration stats ("MTS fg 0% bg 0%"): not load of any unit we report
                index += tokens.count > index + 4 && tokens[index + 1] == "fg" && tokens[index + 3] == "bg" ? 5 : 1
            case "EMC_FREQ", "GR3D_FREQ":
                let unit = String(token.dropLast("_FREQ".count))
                guard let next, let loads = loadAndClock(next, load: unit, clock: String(token)) else {
                    throw damaged("\"\(token) <load>%\" or \"\(token) <load>%@<MHz>\" or \"\(token) <load>%@[<MHz>,…]\"")
                }
                readings.append(contentsOf: loads)
                index += 2
            default:
                if let temperature = try temperature(token, damaged: damaged) {
                    readings.append(contentsOf: temperature)
                    index += 1
                } else if isKey(token), let next {
                    index += try keyed(token, next, into: &readings, damaged: damaged) ? 2 : 1
                } else if isRailName(token) {
                    throw damaged("\"\(token) <mW>/<mW>\": the line ends at the rail's name")
                } else {
                    // lfb details, "(cached 0MB)", fields of future tegrastats versions
                    index += 1
                }
            }
        }
        return TegrastatsLine(timestamp: timestamp, readings: readings)
    }

    /// `KEY value` fields other than the fixed ones: rails (`a/b`, `amW/bmW`, `amW/bmW/cmW`, `NC`),
    /// engine clocks (`APE 150`, `NVDEC 192`, `VIC_FREQ 0%@115`), engines switched `off`.
    /// Returns whether `value` was consumed.
    private static func keyed(
        _ key: Substring, _ value: Substring, into readings: inout [LogReading],
        damaged: (String) -> TelemetryLogError
    ) throws(TelemetryLogError) -> Bool {
        if value == "NC" || value.contains("/") {
            guard let milliwatts = railMilliwatts(value) else {
                // A field of some future tegrastats may hold a slash too; only a rail's name makes it damage.
                guard isRailName(key) || value.contains("mW") else { return false }
                throw damaged("\"\(key) <mW>/<mW>\" (current/average, JetPack 4 without unit, later with mW)")
            }
            if let milliwatts {
                readings.append(LogReading(t: nil, name: String(key), quantity: .power, value: milliwatts / 1000, unit: "W"))
            }
            return true
        }
        if value == "off" { return true }
        if isRailName(key) {
            // "VDD_SOC 14": a rail cut short, not an engine clock
            throw damaged("\"\(key) <mW>/<mW>\" (current/average, JetPack 4 without unit, later with mW)")
        }
        if let megahertz = Int(value) {
            readings.append(clock(String(key), megahertz))
            return true
        }
        if value.contains("%") {
            let unit = key.hasSuffix("_FREQ") ? String(key.dropLast("_FREQ".count)) : String(key)
            guard let loads = loadAndClock(value, load: unit, clock: unit + "_FREQ") else {
                throw damaged("\"\(key) <load>%@<MHz>\"")
            }
            readings.append(contentsOf: loads)
            return true
        }
        return false
    }

    /// `cpu@45.5C`, `tj@49.156C`, JetPack 7's `cpu@52.968C/52.968C` (current first).
    /// -256 °C is what tegrastats prints for a zone without a sensor: no reading, never a value.
    private static func temperature(
        _ token: Substring, damaged: (String) -> TelemetryLogError
    ) throws(TelemetryLogError) -> [LogReading]? {
        guard let at = token.firstIndex(of: "@"), !token.contains("%"), !token.hasPrefix("[") else { return nil }
        let value = token[token.index(after: at)...]
        let current = value.split(separator: "/", omittingEmptySubsequences: false).first ?? value
        guard current.hasSuffix("C") else { return nil }
        let name = token[..<at]
        guard !name.isEmpty, let celsius = Double(current.dropLast()), celsius.isFinite else {
            throw damaged("\"<zone>@<degrees>C\"")
        }
        if celsius <= -256 { return [] }
        return [LogReading(t: nil, name: String(name), quantity: .temperature, value: celsius, unit: "C")]
    }

    /// `[12%@1190,off,7%@1190]` or without clocks `[12%,off]`: load and clock per core, none for `off` cores.
    private static func cpuLoads(_ token: Substring) -> [LogReading]? {
        let cores = token.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        var readings: [LogReading] = []
        for (core, entry) in cores.enumerated() {
            if entry == "off" { continue }
            guard let loads = loadAndClock(entry, load: "CPU\(core)", clock: "CPU\(core)_FREQ") else { return nil }
            readings.append(contentsOf: loads)
        }
        return readings
    }

    /// `42%`, `42%@1600`, `12%@[1300,1300]` (one clock per GPC; a single `[114]` is just the clock).
    private static func loadAndClock(_ token: Substring, load: String, clock: String) -> [LogReading]? {
        guard let percent = token.firstIndex(of: "%"), let value = Double(token[..<percent]), value.isFinite else { return nil }
        var readings = [LogReading(t: nil, name: load, quantity: .utilisation, value: value, unit: "%")]
        let rest = token[token.index(after: percent)...]
        if rest.isEmpty { return readings }
        guard rest.hasPrefix("@") else { return nil }
        let clocks = rest.dropFirst()
        if clocks.hasPrefix("[") {
            guard clocks.hasSuffix("]") else { return nil }
            let values = clocks.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            for (gpc, text) in values.enumerated() {
                guard let megahertz = Int(text) else { return nil }
                readings.append(Self.clock(values.count == 1 ? clock : "\(clock)_GPC\(gpc)", megahertz))
            }
            return readings
        }
        guard let megahertz = Int(clocks) else { return nil }
        readings.append(Self.clock(clock, megahertz))
        return readings
    }

    /// The current value of a rail in mW; `.some(nil)` for a rail tegrastats marks `NC` (not connected);
    /// nil when the text is not a rail value at all.
    private static func railMilliwatts(_ token: Substring) -> Double?? {
        let parts = token.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var values: [Double?] = []
        for part in parts {
            if part == "NC" { values.append(nil); continue }
            let digits = part.hasSuffix("mW") ? part.dropLast(2) : part
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let value = Double(digits) else { return nil }
            values.append(value)
        }
        // A lone number is an engine clock, not a rail; only "NC" may stand alone.
        if parts.count == 1, values[0] != nil { return nil }
        return .some(values[0])
    }

    /// `2345/7772MB` in MiB (tegrastats divides /proc/meminfo's kB by 1024) → bytes.
    private static func megabytePair(_ token: Substring) -> (Double, Double)? {
        guard token.hasSuffix("MB") else { return nil }
        let parts = token.dropLast(2).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let used = Int(parts[0]), let total = Int(parts[1]) else { return nil }
        return (Double(used) * 1_048_576, Double(total) * 1_048_576)
    }

    private static func memory(_ name: String, _ bytes: Double) -> LogReading {
        LogReading(t: nil, name: name, quantity: .memory, value: bytes, unit: "B")
    }

    private static func clock(_ name: String, _ megahertz: Int) -> LogReading {
        LogReading(t: nil, name: name, quantity: .frequency, value: Double(megahertz) * 1_000_000, unit: "Hz")
    }

    /// Upper-case field names such as `VDD_IN`, `POM_5V_GPU`, `NVENC0`, `PVA0_FREQ`.
    private static func isKey(_ token: Substring) -> Bool {
        guard let first = token.first, first.isASCII, first.isUppercase else { return false }
        return token.allSatisfy { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" }
    }

    private static func isRailName(_ token: Substring) -> Bool {
        token.hasPrefix("VDD_") || token.hasPrefix("POM_") || token.hasPrefix("VIN_")
    }

    /// Without `RAM`, a line is still tegrastats output (cut at the front) when it has the fields
    /// only tegrastats prints: `GR3D_FREQ`/`EMC_FREQ`, or a rail followed by its value.
    private static func looksLikeTegrastats(_ tokens: [Substring]) -> Bool {
        for (index, token) in tokens.enumerated() {
            if token == "GR3D_FREQ" || token == "EMC_FREQ" { return true }
            if isRailName(token),
               index + 1 < tokens.count, tokens[index + 1].contains("/"),
               tokens[index + 1].first?.isASCIIDigit == true {
                return true
            }
        }
        return false
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
