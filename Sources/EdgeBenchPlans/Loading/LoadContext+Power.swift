import EdgeBenchCore
import Yams

extension LoadContext {
    static let powerSourceKeys = ["manual", "command", "plug", "boundary"]
    static let plugKeys = ["kind", "url"]
    static let powerBoundaries = PowerSourceSpec.boundaries.map(\.rawValue)

    /// `power:` plus the top-level measurement settings that go with it.
    func readPower(_ fields: Fields) -> PlanPower {
        var power = PlanPower()
        for (index, node) in (fields.list("power") ?? []).enumerated() {
            if let source = readPowerSource(node, index: index) { power.sources.append(source) }
        }
        // Durations from here on; the ranges keep them finite, so the conversions give a value.
        power.idleBaseline = fields.double("idle_seconds", in: 0...1e6, expected: "a number of seconds ≥ 0")
            .flatMap { Duration.rounded(seconds: $0) }
        power.minMeasured = fields.double("min_measured_seconds", in: 0...1e6, expected: "a number of seconds ≥ 0")
            .flatMap { Duration.rounded(seconds: $0) }
        // the CLI's --sample-interval range, 1–10000 ms
        power.sampleInterval = fields.double("sample_rate_hz", in: 0.1...1000, expected: "a rate in Hz between 0.1 and 1000")
            .flatMap { Duration.period(hertz: $0) }
        return power
    }

    func readPowerSource(_ node: Node, index: Int) -> PowerSourceSpec? {
        let subject = "power source #\(index + 1)"
        guard
            let fields = Fields(
                node, subject: subject, expected: "manual: W, command: CMD or plug: {kind, url}; and boundary",
                known: Self.powerSourceKeys, diagnostics: diagnostics)
        else { return nil }
        let given = ["manual", "command", "plug"].filter(fields.has)
        guard given.count == 1 else {
            let message = given.isEmpty
                ? "\(subject) needs one of 'manual' (watts read off a display), 'command' (a program printing watts) or 'plug' ({kind, url})"
                : "\(subject) gives \(given.map { "'\($0)'" }.joined(separator: " and ")); give one source per item (add another '- ' item for the next)"
            diagnostics.error(message, at: given.count > 1 ? fields.keyMark(given[1]) : fields.mark)
            return nil
        }
        var boundary = MeasurementBoundary.wallAC
        if let raw = fields.string("boundary") {
            if let value = MeasurementBoundary(rawValue: raw), Self.powerBoundaries.contains(raw) {
                boundary = value
            } else {
                let guess = KeySuggestion.closest(to: raw, in: Self.powerBoundaries).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.error(
                    "'boundary' must be one of \(Self.powerBoundaries.joined(separator: ", ")), got \"\(raw)\"\(guess)",
                    at: fields.node("boundary")?.mark)
                return nil
            }
        }
        switch given[0] {
        case "manual":
            guard let watts = fields.double("manual", in: Self.positive, expected: "a power in W > 0 read off the meter")
            else { return nil }
            return .manual(watts: watts, boundary: boundary)
        case "command":
            guard let command = fields.string("command"), !command.isEmpty else {
                diagnostics.error(
                    "'command' must be a program that prints one watts value per line, e.g. command: \"my-meter --watts\"",
                    at: fields.node("command")?.mark)
                return nil
            }
            return .command(command, boundary: boundary)
        default:
            if fields.has("boundary"), boundary != .wallAC {
                diagnostics.error(
                    "a smart plug measures at the wall (wall_ac, power supply included); remove 'boundary' or set it to wall_ac",
                    at: fields.keyMark("boundary"))
            }
            return fields.node("plug").flatMap(readPlug)
        }
    }

    func readPlug(_ node: Node) -> PowerSourceSpec? {
        guard
            let fields = Fields(
                node, subject: "'plug'", expected: "kind, url", known: Self.plugKeys, diagnostics: diagnostics)
        else { return nil }
        let kinds = SmartPlugKind.namesText
        let rawKind = fields.string("kind", required: "one of \(kinds)")
        let url = fields.string("url", required: "the plug's address, e.g. url: http://192.168.1.50")
        var kind: SmartPlugKind?
        if let rawKind {
            kind = SmartPlugKind(named: rawKind)
            if kind == nil {
                let names = SmartPlugKind.allCases.map(\.rawValue)
                let guess = KeySuggestion.closest(to: rawKind, in: names).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.error(
                    "'kind' must be one of \(kinds) (Shelly Gen2/Gen3: shelly-rpc), got \"\(rawKind)\"\(guess)",
                    at: fields.node("kind")?.mark)
            }
        }
        let errorsBefore = diagnostics.errors.count
        if let url, let urlNode = fields.node("url") { checkURL(url, engine: nil, at: urlNode.mark) }
        guard let kind, let url, diagnostics.errors.count == errorsBefore else { return nil }
        // The spec's own check (the address the sampler polls), said at the url when checkURL let it pass.
        do {
            return try PowerSourceSpec.plug(kind, url: url).validated()
        } catch {
            diagnostics.error("'url' \(error)", at: fields.node("url")?.mark)
            return nil
        }
    }
}
