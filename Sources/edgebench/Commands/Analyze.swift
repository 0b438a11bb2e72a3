import ArgumentParser
import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchStore
import Foundation

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Derived metrics, accelerator gains, the Pareto front and a scenario ranking of stored runs.",
        discussion: """
            RUN is a run directory (edgebench-results/<run id>/) or a bundle.json; several may be given. With none, the newest run under --output is analysed; with --db, every run in that SQLite database.

            Derived metrics (METRICS.md): volume, mass, price, throughput_density (tok/s/m³), throughput_per_kg, throughput_per_dollar, cost_per_mtok, tokens_per_battery, battery_hours, accelerator_gain, decode_ceiling and roofline_efficiency. A metric whose input is missing prints n/a, with the reason under the table — never a number made from a default.

            Examples:
              edgebench analyze
              edgebench analyze edgebench-results/2026-11-23T10-00-00Z --scenario uav
              edgebench analyze --db edgebench-results/edgebench.sqlite --objectives decode_rate:max,mass:min --json
            """)

    @OptionGroup var input: AnalysisInput

    @Option(help: "Pareto objectives, METRIC:max|min separated by commas.")
    var objectives = Analysis.defaultObjectives

    @Option(help: "Rank for a scenario: a preset (\(Scenario.presetNames.joined(separator: ", "))) or a scenario YAML file.")
    var scenario: String?

    @ArgumentParser.Flag(help: "Print the analysis as JSON (metrics in SI units) and nothing else on stdout.")
    var json = false

    func run() throws {
        let parsedObjectives: [Objective]
        let parsedScenario: Scenario?
        do {
            parsedObjectives = try Objective.parseList(objectives)
            parsedScenario = try scenario.map(AnalysisInput.scenario)
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
        let report = Analysis.analyze(
            bundles: try input.bundles(), objectives: parsedObjectives, scenario: parsedScenario)
        if json {
            FileHandle.standardOutput.write(try AnalysisJSON.encode(report))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(AnalysisText.render(report))
        }
    }
}

// MARK: - Input

/// Where `analyze` and `recommend` read results from.
struct AnalysisInput: ParsableArguments {
    @Argument(help: "Run directories or bundle.json files (default: the newest run under --output).")
    var runs: [String] = []

    @Option(help: "Read every run of this SQLite results database instead.")
    var db: String?

    @Option(help: "Folder of run directories, searched for the newest run when no RUN is given.")
    var output = "edgebench-results"

    func bundles() throws -> [ResultBundle] {
        do {
            if let db {
                // opening a store creates it; a mistyped path must not leave an empty database behind
                guard FileManager.default.fileExists(atPath: db) else {
                    throw ValidationError("no results database at \(db); check the path (edgebench run writes <output>/edgebench.sqlite)")
                }
                let store = try ResultStore(path: db)
                let bundles = try store.runs().map { try store.bundle(runID: $0.id) } + runs.map(Self.bundle(at:))
                guard !bundles.isEmpty else {
                    throw ValidationError("the database \(db) holds no run; run `edgebench run` first")
                }
                return bundles
            }
            if !runs.isEmpty { return try runs.map(Self.bundle(at:)) }
            return [try Self.bundle(at: try newestRun())]
        } catch let error as ValidationError {
            Stderr.error(error.message)
            throw Exit.invalidInput
        } catch {
            Stderr.error(String(describing: error))
            throw Exit.invalidInput
        }
    }

    /// A bundle file, or the bundle.json of a run directory.
    static func bundle(at path: String) throws -> ResultBundle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(path) does not exist; give a run directory or its bundle.json")
        }
        let url = URL(fileURLWithPath: path)
        return try BundleFile.read(from: isDirectory.boolValue ? url.appendingPathComponent("bundle.json") : url)
    }

    /// The run directory under `output` whose bundle.json was written last.
    func newestRun() throws -> String {
        let root = URL(fileURLWithPath: output)
        let entries = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)) ?? []
        let dated = entries.compactMap { directory -> (String, Date)? in
            let bundle = directory.appendingPathComponent("bundle.json")
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: bundle.path),
                let modified = attributes[.modificationDate] as? Date
            else { return nil }
            return (directory.path, modified)
        }
        guard let newest = dated.max(by: { $0.1 < $1.1 }) else {
            throw ValidationError(
                "no run found under \(output)/ (no <run>/bundle.json); run `edgebench run` first, or name a RUN or --db")
        }
        return newest.0
    }

    /// A preset by name, else a scenario YAML file.
    static func scenario(_ text: String) throws -> Scenario {
        if let preset = Scenario.named(text) { return preset }
        guard FileManager.default.fileExists(atPath: text) else {
            throw ValidationError(
                "--scenario \(text): no such preset (\(Scenario.presetNames.joined(separator: ", "))) and no such file")
        }
        let yaml: String
        do {
            yaml = try String(contentsOfFile: text, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read scenario file \(text): \((error as NSError).localizedDescription)")
        }
        do {
            return try Scenario(yaml: yaml)
        } catch {
            throw ValidationError("\(text): \(error.description)")
        }
    }
}

// MARK: - Text

/// The terminal rendering: configurations × metrics in display units, n/a reasons under the table, then
/// the Pareto front, accelerator gains, the ranking and the parameters used.
enum AnalysisText {
    /// Measured metrics worth a row next to the derived ones (rows with no value anywhere are dropped).
    static let measuredRows: [MetricID] = [
        .ttft, .decodeRate, .serverDecodeRate, .e2eThroughput, .meanPower, .idlePower, .energyPerToken,
    ]

    static func render(_ report: AnalysisReport) -> String {
        var lines: [String] = []
        let labels = Dictionary(
            uniqueKeysWithValues: report.configurations.enumerated().map { ($0.element.id, "[\($0.offset + 1)]") })
        func tag(_ id: String) -> String { "\(labels[id] ?? "") \(id)".trimmingCharacters(in: .whitespaces) }

        lines.append("Configurations (\(report.configurations.count) completed)")
        for configuration in report.configurations {
            let device = configuration.deviceName.map { "\($0) (\(configuration.deviceID ?? ""))" } ?? "no device"
            let flags = configuration.flags.isEmpty ? "" : " — flags: " + configuration.flags.joined(separator: ", ")
            lines.append(
                "  \(tag(configuration.id)): \(device); \(configuration.engineName) via \(configuration.engineKind); "
                    + "\(configuration.model)\(configuration.quantisation.map { " " + $0 } ?? "")\(flags)")
        }
        if !report.configurations.isEmpty {
            lines.append("")
            lines += table(report, labels: labels)
            lines += reasons(report, labels: labels)
            lines.append("")
            lines.append("Derived metrics (METRICS.md)")
            lines += DerivedMetric.allCases.map { "  \($0.rawValue) (\($0.unit.rawValue)) = \($0.definition)" }
        }
        if !report.failed.isEmpty {
            lines.append("")
            lines.append("Not compared (did not complete)")
            for failed in report.failed { lines.append("  \(failed.id) (\(failed.status)): \(failed.error)") }
        }
        lines.append("")
        lines += pareto(report.pareto, order: report.configurations.map(\.id), tag: tag)
        lines.append("")
        lines += gains(report.acceleratorGains)
        if let ranking = report.ranking {
            lines.append("")
            lines += self.ranking(ranking, candidates: report.candidates, tag: tag)
        }
        lines.append("")
        lines.append("Parameters")
        for parameter in report.parameters { lines.append("  " + describe(parameter)) }
        var notes = report.notes
        for configuration in report.configurations {
            notes += configuration.derived.notes.map { "\(tag(configuration.id)): \($0)" }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            lines += notes.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// Metrics as rows, configurations as columns: a handful of boards side by side, each row in one unit.
    static func table(_ report: AnalysisReport, labels: [String: String]) -> [String] {
        let ids = measuredRows.map(\.rawValue) + DerivedMetric.allCases.map(\.rawValue)
        var rows: [[String]] = [["metric"] + report.configurations.map { labels[$0.id] ?? $0.id }]
        for metric in ids {
            let values = report.configurations.map { $0.metrics[metric] }
            let present = values.compactMap { $0 }
            guard !present.isEmpty || DerivedMetric(rawValue: metric) != nil else { continue }
            let unit = DisplayValue.unit(for: metric, values: present)
            let unitText = unit.symbol.isEmpty ? "" : " (\(unit.symbol))"
            let cells = values.map { value in value.map { DisplayValue.readable(unit.fromStored($0)) } ?? "n/a" }
            rows.append([metric + unitText] + cells)
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { index, cell in
                index == 0
                    ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }

    /// "n/a — reason", grouped by reason and metrics so one missing input reads as one line for all
    /// configurations it affects: "[1] [2] n/a volume, mass, … — no device: …".
    static func reasons(_ report: AnalysisReport, labels: [String: String]) -> [String] {
        var groups: [(why: String, metrics: [String], labels: [String])] = []
        for configuration in report.configurations {
            var byReason: [(why: String, metrics: [String])] = []
            for metric in DerivedMetric.allCases {
                guard let why = configuration.notAvailable[metric.rawValue] else { continue }
                if let index = byReason.firstIndex(where: { $0.why == why }) {
                    byReason[index].metrics.append(metric.rawValue)
                } else {
                    byReason.append((why, [metric.rawValue]))
                }
            }
            for (why, metrics) in byReason {
                let label = labels[configuration.id] ?? configuration.id
                if let index = groups.firstIndex(where: { $0.why == why && $0.metrics == metrics }) {
                    groups[index].labels.append(label)
                } else {
                    groups.append((why, metrics, [label]))
                }
            }
        }
        let lines = groups.map { "  \($0.labels.joined(separator: " ")) n/a \($0.metrics.joined(separator: ", ")) — \($0.why)" }
        return lines.isEmpty ? [] : ["", "n/a reasons"] + lines
    }

    static func pareto(_ pareto: ParetoResult, order: [String], tag: (String) -> String) -> [String] {
        func position(_ id: String) -> Int { order.firstIndex(of: id) ?? order.count }
        var lines = ["Pareto front (\(pareto.objectives.map(\.description).joined(separator: ", ")))"]
        lines += pareto.front.isEmpty ? ["  (empty: nothing had every objective)"] : pareto.front.map { "  " + tag($0) }
        for (id, by) in pareto.dominated.sorted(by: { position($0.key) < position($1.key) }) {
            lines.append("  dominated: \(tag(id)) by \(tag(by))")
        }
        for (id, why) in pareto.excluded.sorted(by: { position($0.key) < position($1.key) }) {
            lines.append("  not compared: \(tag(id)): \(why)")
        }
        return lines
    }

    static func gains(_ gains: [AcceleratorGain]) -> [String] {
        var lines = ["Accelerator gain (energy_per_token on the CPU ÷ on the accelerator)"]
        if gains.isEmpty {
            lines.append("  none: no CPU and accelerated configuration of the same board, model and workload")
        }
        for gain in gains {
            let value = gain.gain.number.map { DisplayValue.compact($0) + " ×" } ?? "n/a — " + (gain.gain.reason ?? "")
            lines.append(
                "  \(gain.board), \(gain.model) (\(gain.workload)): \(gain.cpuConfiguration) → "
                    + "\(gain.acceleratedConfiguration): \(value)")
        }
        return lines
    }

    static func ranking(_ ranking: Ranking, candidates: [Candidate], tag: (String) -> String) -> [String] {
        var lines = ["Ranking"] + ranking.scenario.summaryLines.map { "  " + $0 }
        for (place, entry) in ranking.entries.enumerated() {
            let parts = entry.contributions.sorted { $0.value > $1.value }
                .map { "\($0.key) \(DisplayValue.compact($0.value, significantDigits: 2))" }
            lines.append(
                "  \(place + 1). \(tag(entry.id))  score \(DisplayValue.compact(entry.score, significantDigits: 3))"
                    + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"))
        }
        for (id, reasons) in ranking.excluded.sorted(by: { $0.key < $1.key }) {
            lines.append("  excluded: \(tag(id)): \(reasons.joined(separator: "; "))")
        }
        lines += ranking.notes.map { "  note: " + $0 }
        if let sentence = ranking.tradeOff(candidates: candidates) { lines.append("  " + sentence) }
        return lines
    }

    static func describe(_ parameter: AnalysisParameterUse) -> String {
        guard let value = parameter.value else { return "\(parameter.name): not given" }
        let unit = parameter.unit == "ratio" ? "" : " " + parameter.unit
        var text = "\(parameter.name): \(DisplayValue.compact(value, significantDigits: 6))\(unit)"
        if parameter.name == "battery_j" { text += " (\(DisplayValue.compact(value / 3600, significantDigits: 6)) Wh)" }
        return text + (parameter.isDefault ? " (default)" : "")
    }
}

// MARK: - JSON

/// `--json`: every configuration's metrics by METRICS.md id in SI units, n/a reasons, the front, the gains,
/// the ranking (null without a scenario) and the parameters used.
enum AnalysisJSON {
    struct Document: Encodable {
        var configurations: [ConfigurationJSON]
        var failed: [FailedJSON]
        var pareto: [String]
        var dominated: [String: String]
        var notCompared: [String: String]
        var acceleratorGains: [GainJSON]
        var ranking: RankingJSON?
        var parameters: [String: ParameterJSON]
        var notes: [String]

        enum CodingKeys: String, CodingKey {
            case configurations, failed, pareto, dominated
            case notCompared = "not_compared"
            case acceleratorGains = "accelerator_gains"
            case ranking, parameters, notes
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(configurations, forKey: .configurations)
            try c.encode(failed, forKey: .failed)
            try c.encode(pareto, forKey: .pareto)
            try c.encode(dominated, forKey: .dominated)
            try c.encode(notCompared, forKey: .notCompared)
            try c.encode(acceleratorGains, forKey: .acceleratorGains)
            try c.encode(ranking, forKey: .ranking)  // null without a scenario, so the key is always there
            try c.encode(parameters, forKey: .parameters)
            try c.encode(notes, forKey: .notes)
        }
    }

    struct ConfigurationJSON: Encodable {
        var id: String
        var device: String?
        var deviceName: String?
        var engine: String
        var engineKind: String
        var model: String
        var quantisation: String?
        var metrics: [String: Double]
        var notAvailable: [String: String]
        var flags: [String]
        var notes: [String]

        enum CodingKeys: String, CodingKey {
            case id, device
            case deviceName = "device_name"
            case engine
            case engineKind = "engine_kind"
            case model, quantisation, metrics
            case notAvailable = "not_available"
            case flags, notes
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(device, forKey: .device)
            try c.encodeIfPresent(deviceName, forKey: .deviceName)
            try c.encode(engine, forKey: .engine)
            try c.encode(engineKind, forKey: .engineKind)
            try c.encode(model, forKey: .model)
            try c.encodeIfPresent(quantisation, forKey: .quantisation)
            try c.encode(metrics, forKey: .metrics)
            try c.encode(notAvailable, forKey: .notAvailable)
            try c.encode(flags, forKey: .flags)
            try c.encode(notes, forKey: .notes)
        }
    }

    struct FailedJSON: Encodable {
        var id: String
        var status: String
        var error: String
    }

    struct GainJSON: Encodable {
        var board: String
        var model: String
        var workload: String
        var cpu: String
        var accelerated: String
        var gain: Double?
        var reason: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(board, forKey: .board)
            try c.encode(model, forKey: .model)
            try c.encode(workload, forKey: .workload)
            try c.encode(cpu, forKey: .cpu)
            try c.encode(accelerated, forKey: .accelerated)
            try c.encode(gain, forKey: .gain)
            try c.encodeIfPresent(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case board, model, workload, cpu, accelerated, gain, reason }
    }

    struct RankingJSON: Encodable {
        struct Weight: Encodable {
            var metric: String
            var weight: Double
            var direction: String
        }
        struct Entry: Encodable {
            var id: String
            var score: Double
            var contributions: [String: Double]
        }
        var scenario: String
        var description: String
        var weights: [Weight]
        var constraints: [String]
        var entries: [Entry]
        var excluded: [String: [String]]
        var notes: [String]
        var tradeOff: String?

        enum CodingKeys: String, CodingKey {
            case scenario, description, weights, constraints, entries, excluded, notes
            case tradeOff = "trade_off"
        }
    }

    struct ParameterJSON: Encodable {
        var value: Double?
        var unit: String
        var isDefault: Bool

        enum CodingKeys: String, CodingKey {
            case value, unit
            case isDefault = "default"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(value, forKey: .value)
            try c.encode(unit, forKey: .unit)
            try c.encode(isDefault, forKey: .isDefault)
        }
    }

    static func document(_ report: AnalysisReport) -> Document {
        let configurations = report.configurations.map { c in
            ConfigurationJSON(
                id: c.id, device: c.deviceID, deviceName: c.deviceName, engine: c.engineName, engineKind: c.engineKind,
                model: c.model, quantisation: c.quantisation, metrics: c.metrics.filter { $0.value.isFinite },
                notAvailable: c.notAvailable, flags: c.flags, notes: c.derived.notes)
        }
        let ranking = report.ranking.map { r in
            RankingJSON(
                scenario: r.scenario.name, description: r.scenario.description,
                weights: r.scenario.weights.map { .init(metric: $0.metric, weight: $0.weight, direction: $0.direction.rawValue) },
                constraints: r.scenario.constraints.map(\.description),
                entries: r.entries.map { .init(id: $0.id, score: $0.score, contributions: $0.contributions) },
                excluded: r.excluded, notes: r.notes, tradeOff: r.tradeOff(candidates: report.candidates))
        }
        return Document(
            configurations: configurations,
            failed: report.failed.map { FailedJSON(id: $0.id, status: $0.status, error: $0.error) },
            pareto: report.pareto.front, dominated: report.pareto.dominated, notCompared: report.pareto.excluded,
            acceleratorGains: report.acceleratorGains.map {
                GainJSON(
                    board: $0.board, model: $0.model, workload: $0.workload, cpu: $0.cpuConfiguration,
                    accelerated: $0.acceleratedConfiguration, gain: $0.gain.number, reason: $0.gain.reason)
            },
            ranking: ranking,
            parameters: Dictionary(
                uniqueKeysWithValues: report.parameters.map {
                    ($0.name, ParameterJSON(value: $0.value, unit: $0.unit, isDefault: $0.isDefault))
                }),
            notes: report.notes)
    }

    static func encode(_ report: AnalysisReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(report))
    }
}
