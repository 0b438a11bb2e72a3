import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports
import Foundation

/// Turns the paper harness's CSV files (and EdgeBench's own, `PaperCSV`) into configurations, in
/// METRICS.md terms. Pure: text in, configurations out; `PaperCSVImporter` stores them.
///
/// Each (model, device) row of `benchmark_results.csv` becomes one configuration: `e2e_throughput` =
/// avg_tokens_per_sec (tok/s), `e2e_latency` = avg_time_s (s), `ttft` = avg_ttft_s (s, empty when the
/// harness saw none), `n_out` = num_tokens, n = num_runs. A mean power (W) per device label or per row
/// (`power_w`) gives `mean_power` and `energy_per_token` = P / e2e_throughput (J/token), flagged manual like
/// `--power-manual`. Served model names are read through `aliases`, so one model's rows pair across runtimes.
struct PaperCSVReader {
    static let resultsColumns = ["model", "device", "num_runs", "num_tokens", "avg_time_s", "avg_tokens_per_sec", "avg_ttft_s"]
    static let detailsColumns = ["model", "device", "run_elapsed"]
    /// The largest run or token count a row may hold: far above any benchmark, far below Int.max.
    static let largestCount = 1e12
    static let detailsOptional = ["run", "num_tokens", "run_ttft", "response"]

    /// the catalog the `--catalog-device` ids and the labels' boards are looked up in
    var catalog: DeviceCatalog
    /// device label → catalog id
    var catalogDevices: [String: String]
    /// device label → mean power in W read off the meter's display
    var powerWatts: [String: Double]
    /// how the `device` column is read (`--label` mappings)
    var labels = PaperDeviceLabels()
    /// served model name → model (`--model-alias`, `--plan`, the built-in table)
    var aliases = ModelAliases()

    static let tokenNote =
        "the paper's harness counted the requested maximum (num_predict) as generated tokens, not the tokens it received: "
        + "n_out and every per-token figure of this import rest on that count and are flagged 'estimated'"

    struct Output {
        var configurations: [(configuration: Configuration, result: ConfigurationResult)]
        var notes: [String]
    }

    /// One result row, its label read.
    struct Row {
        var line: Int
        var raw: String
        var label: PaperLabel
        var served: String
        var model: String
        var id: String { PaperCSVReader.id(label, model: model) }
    }

    /// "LABEL[@DEVICE]/MODEL[/WORKLOAD]": the workload last, so the model is the middle of three parts as in
    /// a run's "engine/model/workload".
    static func id(_ label: PaperLabel, model: String) -> String {
        label.base + (label.device.map { "@" + $0 } ?? "") + "/" + model + (label.workload.map { "/" + $0 } ?? "")
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
        let counted = table.column(PaperCSV.countedColumn) != nil

        var problems: [String] = []
        var rows: [(row: Row, fields: CSVTable.Row)] = []
        var seen: Set<String> = []
        for fields in table.rows {
            let model = table.text("model", fields)
            let raw = table.text("device", fields)
            guard !model.isEmpty else {
                problems.append("\(file):\(fields.line): 'model' is empty")
                continue
            }
            guard let label = labels.read(raw) else {
                problems.append(labels.unknown(raw, at: "\(file):\(fields.line)"))
                continue
            }
            let row = Row(line: fields.line, raw: raw, label: label, served: model, model: modelName(model))
            guard seen.insert(row.id).inserted else {
                problems.append(
                    "\(file):\(fields.line): a second row for model '\(row.model)' on '\(raw)'"
                        + (row.model == model ? "" : " (\(model) is an alias of \(row.model))")
                        + "; keep one row per model and device")
                continue
            }
            rows.append((row, fields))
        }
        let boards = PaperBoards(
            rows: rows.map { ($0.row.label, $0.row.model) }, catalog: catalog, harness: !counted,
            given: Set(catalogDevices.keys.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }))
        var requestsByID = try details.map { try readDetails($0.text, file: $0.file) } ?? [:]
        var notes = counted ? [] : [Self.tokenNote]
        notes += try assignHarnessGPUDetails(&requestsByID, results: Set(rows.map(\.row.id)), file: details?.file ?? "")

        var output = Output(configurations: [], notes: [])
        for (row, fields) in rows {
            func number(_ name: String) -> Double? { table.number(name, fields, file: file, problems: &problems) }
            let runs = table.count("num_runs", fields, file: file, problems: &problems)
            let tokens = table.count("num_tokens", fields, file: file, whole: false, problems: &problems)
            let latency = number("avg_time_s")
            let throughput = number("avg_tokens_per_sec")
            // the harness writes no TTFT when it saw none
            let ttftText = table.text("avg_ttft_s", fields)
            let ttft = ttftText.isEmpty ? nil : number("avg_ttft_s")
            var rowPower: Double?
            if !table.text("power_w", fields).isEmpty { rowPower = number("power_w") }
            let device: Device?
            do {
                device = try boards.device(for: row, given: setting(catalogDevices, row), file: file)
            } catch {
                problems.append("\(error)")
                continue
            }
            guard let runs = runs.map({ Int($0) }), let tokens, let latency, let throughput, ttftText.isEmpty || ttft != nil
            else { continue }
            let measured = Measured(
                runs: runs, tokens: tokens, latency: latency, throughput: throughput, ttft: ttft,
                power: rowPower ?? setting(powerWatts, row), counted: counted)
            output.configurations.append(
                configuration(row, measured, device: device, requests: requestsByID[row.id]?.requests ?? []))
        }
        let unused = Set(requestsByID.keys).subtracting(seen).sorted()
        if !unused.isEmpty {
            notes.append("details rows for \(unused.joined(separator: ", ")) have no row in \(file) and were left out")
        }
        guard problems.isEmpty else { throw ImportError(problems.joined(separator: "\n")) }
        guard !output.configurations.isEmpty else {
            throw ImportError("\(file): no result rows under the header; nothing to import")
        }
        output.notes = notes + boards.notes + aliasNotes(rows.map(\.row))
        return output
    }

    /// The model a served name stands for, as the configuration id's middle part: "/" separates the parts,
    /// so a name with one ("hf.co/org/model") keeps it as "_", as one-off runs do.
    func modelName(_ served: String) -> String {
        aliases.model(served).replacingOccurrences(of: "/", with: "_")
    }

    /// Every `--catalog-device` and `--power-watts` label must be one the import can read, every id a catalog id.
    func checkLabels() throws {
        for label in Set(catalogDevices.keys).union(powerWatts.keys).sorted() where labels.read(label) == nil {
            throw ImportError(labels.unknown(label, at: nil))
        }
        for (label, id) in catalogDevices.sorted(by: { $0.key < $1.key }) where catalog.device(id: id) == nil {
            throw ImportError(
                "--catalog-device \(label)=\(id): unknown device '\(id)'; known: \(DeviceResolution.catalogIDs(catalog))")
        }
    }

    /// A per-label option's value for a row: given for the label as written, as mapped, or as its base label.
    func setting<Value>(_ values: [String: Value], _ row: Row) -> Value? {
        for name in [row.raw, row.label.text, row.label.base].map({ $0.lowercased() }) {
            if let value = values.first(where: { $0.key.trimmingCharacters(in: .whitespaces).lowercased() == name })?.value {
                return value
            }
        }
        return nil
    }

    func aliasNotes(_ rows: [Row]) -> [String] {
        var servedBy: [String: Set<String>] = [:]
        for row in rows where row.served != row.model { servedBy[row.model, default: []].insert(row.served) }
        return servedBy.sorted { $0.key < $1.key }.map { model, served in
            "\(served.sorted().joined(separator: ", ")) read as model \(model), so their rows pair with its other "
                + "runtimes' (give --model-alias SERVED=MODEL to read a name otherwise)"
        }
    }
}

extension CSVTable {
    func text(_ name: String, _ row: Row) -> String {
        column(name).flatMap { $0 < row.fields.count ? row.fields[$0] : nil }?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    func number(_ name: String, _ row: Row, file: String, positive: Bool = true, problems: inout [String]) -> Double? {
        let raw = text(name, row)
        guard let value = Double(raw), value.isFinite, positive ? value > 0 : value >= 0 else {
            problems.append("\(file):\(row.line): '\(name)' must be a number\(positive ? " > 0" : " ≥ 0"), got \"\(raw)\"")
            return nil
        }
        return value
    }

    /// A count the importer turns into an Int: bounded, so 1e19 is an error on its row, not a trap.
    func count(_ name: String, _ row: Row, file: String, whole: Bool = true, problems: inout [String]) -> Double? {
        guard let value = number(name, row, file: file, problems: &problems) else { return nil }
        guard value <= PaperCSVReader.largestCount, !whole || value.rounded() == value else {
            problems.append(
                "\(file):\(row.line): '\(name)' must be a\(whole ? " whole" : "") number from 1 to "
                    + "\(Int(PaperCSVReader.largestCount)), got \"\(text(name, row))\"")
            return nil
        }
        return value
    }
}
