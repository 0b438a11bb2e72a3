import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

/// Turns the paper harness's CSV files into configurations, in METRICS.md terms. Pure: text in,
/// configurations out; `PaperCSVImporter` stores them.
///
/// Each (model, device) row of `benchmark_results.csv` becomes one configuration: `e2e_throughput` =
/// avg_tokens_per_sec (tok/s), `e2e_latency` = avg_time_s (s), `ttft` = avg_ttft_s (s), `n_out` =
/// num_tokens, n = num_runs. A mean power (W) per device label or per row (`power_w`) gives `mean_power`
/// and `energy_per_token` = P / e2e_throughput (J/token), flagged manual like `--power-manual`.
struct PaperCSVReader {
    static let resultsColumns = ["model", "device", "num_runs", "num_tokens", "avg_time_s", "avg_tokens_per_sec", "avg_ttft_s"]
    static let detailsColumns = ["model", "device", "run_elapsed"]
    /// The largest run or token count a row may hold: far above any benchmark, far below Int.max.
    static let largestCount = 1e12
    static let detailsOptional = ["run", "num_tokens", "run_ttft", "response"]

    /// the catalog the `--catalog-device` ids are looked up in
    var catalog: DeviceCatalog
    /// device label → catalog id
    var catalogDevices: [String: String]
    /// device label → mean power in W read off the meter's display
    var powerWatts: [String: Double]

    static let tokenNote =
        "the paper's harness counted the requested maximum (num_predict) as generated tokens, not the tokens it received: "
        + "n_out and every per-token figure of this import rest on that count and are flagged 'estimated'"

    struct Output {
        var configurations: [(configuration: Configuration, result: ConfigurationResult)]
        var notes: [String]
    }

    func read(results text: String, file: String, details: (text: String, file: String)?) throws -> Output {
        guard let table = CSVTable(text) else {
            throw ImportError("\(file): empty; expected the header \(Self.resultsColumns.joined(separator: ",")),response")
        }
        let missing = Self.resultsColumns.filter { table.column($0) == nil }
        guard missing.isEmpty else {
            throw ImportError(
                "\(file): not a paper benchmark_results.csv: no column \(missing.map { "'\($0)'" }.joined(separator: ", ")); "
                    + "expected the header \(Self.resultsColumns.joined(separator: ",")),response (optionally power_w)")
        }
        try checkLabels()
        let requestsByKey = try details.map { try readDetails($0.text, file: $0.file) } ?? [:]

        var problems: [String] = []
        var output = Output(configurations: [], notes: [Self.tokenNote])
        var seen: Set<String> = []
        for row in table.rows {
            func text(_ name: String) -> String {
                table.column(name).flatMap { $0 < row.fields.count ? row.fields[$0] : nil }?
                    .trimmingCharacters(in: .whitespaces) ?? ""
            }
            func number(_ name: String, positive: Bool = true) -> Double? {
                let raw = text(name)
                guard let value = Double(raw), value.isFinite, positive ? value > 0 : value >= 0 else {
                    problems.append(
                        "\(file):\(row.line): '\(name)' must be a number\(positive ? " > 0" : " ≥ 0"), got \"\(raw)\"")
                    return nil
                }
                return value
            }
            /// A count the importer turns into an Int: bounded, so 1e19 is an error on its row, not a trap.
            func count(_ name: String, whole: Bool = true) -> Double? {
                guard let value = number(name) else { return nil }
                guard value <= Self.largestCount, !whole || value.rounded() == value else {
                    problems.append(
                        "\(file):\(row.line): '\(name)' must be a\(whole ? " whole" : "") number from 1 to "
                            + "\(Int(Self.largestCount)), got \"\(text(name))\"")
                    return nil
                }
                return value
            }
            let model = text("model")
            let labelText = text("device")
            guard !model.isEmpty else {
                problems.append("\(file):\(row.line): 'model' is empty")
                continue
            }
            guard let label = PaperDeviceLabel(labelText) else {
                problems.append(
                    "\(file):\(row.line): unknown device label '\(labelText)'; the harness writes \(PaperDeviceLabel.known.joined(separator: ", "))")
                continue
            }
            let id = "\(label.label)/\(model)"
            guard seen.insert(id).inserted else {
                problems.append("\(file):\(row.line): a second row for model '\(model)' on '\(label.label)'; keep one row per model and device")
                continue
            }
            let runs = count("num_runs")
            let tokens = count("num_tokens", whole: false)
            let latency = number("avg_time_s")
            let throughput = number("avg_tokens_per_sec")
            let ttft = number("avg_ttft_s")
            var rowPower: Double?
            if table.column("power_w") != nil, !text("power_w").isEmpty { rowPower = number("power_w") }
            guard let runs = runs.map({ Int($0) }), let tokens, let latency, let throughput, let ttft else { continue }
            let power = rowPower ?? powerWatts[label.label]
            let requests = requestsByKey[id] ?? []
            let result = configuration(
                id: id, model: model, label: label, runs: runs, tokens: tokens, latency: latency,
                throughput: throughput, ttft: ttft, power: power, requests: requests)
            output.configurations.append(result)
        }
        let unused = Set(requestsByKey.keys).subtracting(seen).sorted()
        if !unused.isEmpty {
            output.notes.append(
                "details rows for \(unused.joined(separator: ", ")) have no row in \(file) and were left out")
        }
        guard problems.isEmpty else { throw ImportError(problems.joined(separator: "\n")) }
        guard !output.configurations.isEmpty else {
            throw ImportError("\(file): no result rows under the header; nothing to import")
        }
        return output
    }

    /// Every `--catalog-device` and `--power-watts` label must be a harness label, every id a catalog id.
    func checkLabels() throws {
        for label in Set(catalogDevices.keys).union(powerWatts.keys).sorted() where PaperDeviceLabel(label) == nil {
            throw ImportError("unknown device label '\(label)'; the harness writes \(PaperDeviceLabel.known.joined(separator: ", "))")
        }
        for (label, id) in catalogDevices.sorted(by: { $0.key < $1.key }) where catalog.device(id: id) == nil {
            throw ImportError(
                "--catalog-device \(label)=\(id): unknown device '\(id)'; known: \(DeviceResolution.catalogIDs(catalog))")
        }
    }

    func configuration(
        id: String, model: String, label: PaperDeviceLabel, runs: Int, tokens: Double, latency: Double,
        throughput: Double, ttft: Double, power: Double?, requests: [RequestResult]
    ) -> (Configuration, ConfigurationResult) {
        let engine = EngineDescription(
            adapter: label.kind.rawValue, name: label.label, offload: label.offloadText, model: ModelInfo(name: model))
        let spec = EngineSpec(name: label.label, kind: label.kind, offload: label.offload)
        let workload = Workload(
            name: "paper", request: GenerationRequest(prompt: "", maxTokens: Int(tokens), seed: nil))
        let configuration = Configuration(
            id: id, engine: spec, model: ModelSpec(name: model), workload: workload, repetitions: runs, warmup: 0)

        var summary: [MetricID: Summary]
        var flags: [Flag]
        var measured = requests
        if !measured.isEmpty {
            if let power {
                for index in measured.indices {
                    measured[index].metrics[.meanPower] = power
                    if let rate = measured[index].metrics[.e2eThroughput], rate > 0 {
                        measured[index].metrics[.energyPerToken] = power / rate
                    }
                }
            }
            (summary, flags) = ConfigurationSummary.build(requests: measured)
        } else {
            func mean(_ value: Double, _ unit: MetricUnit) -> Summary {
                LlamaBenchResults.meanAndSpread(value, nil, n: runs, unit: unit)
            }
            summary = [
                .e2eThroughput: mean(throughput, .tokensPerSecond),
                .e2eLatency: mean(latency, .seconds),
                .ttft: mean(ttft, .seconds),
                .nOut: mean(tokens, .tokens),
            ]
            if let power {
                summary[.meanPower] = mean(power, .watts)
                summary[.energyPerToken] = mean(power / throughput, .joulesPerToken)
            }
            flags = runs < ConfigurationSummary.minimumSamples ? [.fewSamples] : []
        }
        flags.append(.estimated)
        if power != nil { flags.append(.manual) }
        let provenance = power.map { _ in
            // as the manual source records it: one value read off a display, at the wall
            PowerProvenance(
                source: "manual", channel: "manual", boundary: .wallAC, quantity: .power, isEstimate: true,
                isManual: true, samples: 1, effectiveRate: 0, idleSeconds: nil)
        }
        let device = catalogDevices[label.label].flatMap { catalog.device(id: $0) }
        let result = ConfigurationResult(
            id: id, engine: engine, model: engine.model, workload: workload, status: .completed, error: nil,
            requests: measured, summary: summary, flags: Array(Set(flags)).sorted(), power: provenance, device: device)
        return (configuration, result)
    }

    /// `--details`: one row per run, by column name; configuration id → its requests.
    func readDetails(_ text: String, file: String) throws -> [String: [RequestResult]] {
        let expected =
            "a header with \(Self.detailsColumns.joined(separator: ", ")) (seconds) and optionally \(Self.detailsOptional.joined(separator: ", ")), "
            + "e.g. model,device,num_tokens,run_elapsed,elapsed_delta,run_ttft,ttft_delta,response"
        guard let table = CSVTable(text) else { throw ImportError("\(file): empty; expected \(expected)") }
        let missing = Self.detailsColumns.filter { table.column($0) == nil }
        guard missing.isEmpty else {
            throw ImportError(
                "\(file): no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) (found \(table.header.joined(separator: ","))); expected \(expected)")
        }
        var problems: [String] = []
        var result: [String: [RequestResult]] = [:]
        for row in table.rows {
            func text(_ name: String) -> String? {
                table.column(name).flatMap { $0 < row.fields.count ? row.fields[$0] : nil }
            }
            func number(_ name: String) -> Double? {
                guard let raw = text(name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
                guard let value = Double(raw), value.isFinite, value >= 0 else {
                    problems.append("\(file):\(row.line): '\(name)' must be a number ≥ 0, got \"\(raw)\"")
                    return nil
                }
                return value
            }
            let model = text("model")?.trimmingCharacters(in: .whitespaces) ?? ""
            let label = text("device")?.trimmingCharacters(in: .whitespaces) ?? ""
            guard PaperDeviceLabel(label) != nil else {
                problems.append(
                    "\(file):\(row.line): unknown device label '\(label)'; the harness writes \(PaperDeviceLabel.known.joined(separator: ", "))")
                continue
            }
            guard let elapsed = number("run_elapsed"), elapsed > 0 else {
                problems.append("\(file):\(row.line): 'run_elapsed' must be a number of seconds > 0")
                continue
            }
            let id = "\(label)/\(model)"
            var metrics: [MetricID: Double] = [.e2eLatency: elapsed]
            if let ttft = number("run_ttft") { metrics[.ttft] = ttft }
            if let tokens = number("num_tokens") {
                metrics[.nOut] = tokens
                metrics[.e2eThroughput] = tokens / elapsed
            }
            let index = result[id]?.count ?? 0
            result[id, default: []].append(
                RequestResult(index: index, metrics: metrics, itl: [], flags: [.estimated], response: text("response")))
        }
        guard problems.isEmpty else { throw ImportError(problems.joined(separator: "\n")) }
        return result
    }
}
