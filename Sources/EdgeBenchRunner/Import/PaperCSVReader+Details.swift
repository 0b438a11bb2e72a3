import EdgeBenchCore
import EdgeBenchReports

extension PaperCSVReader {
    /// One configuration's rows of the details file.
    struct DetailRows {
        var requests: [RequestResult] = []
        /// first line of the group, for messages
        var line: Int
        /// written `GPU-hailo-Ollama`, as the harness labels the details of its GPU-Ollama runs too
        var harnessGPULabel = false
    }

    /// `--details`: one row per run, by column name; configuration id → its requests.
    func readDetails(_ text: String, file: String) throws -> [String: DetailRows] {
        let expected =
            "a header with \(Self.detailsColumns.joined(separator: ", ")) (seconds) and optionally \(Self.detailsOptional.joined(separator: ", ")), "
            + "e.g. model,device,num_tokens,run_elapsed,elapsed_delta,run_ttft,ttft_delta,response"
        guard let table = CSVTable(text) else { throw ImportError("\(file): empty; expected \(expected)") }
        let missing = Self.detailsColumns.filter { table.column($0) == nil }
        guard missing.isEmpty else {
            throw ImportError(
                "\(file): no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) (found \(table.header.joined(separator: ","))); expected \(expected)")
        }
        let counted = table.column(PaperCSV.countedColumn) != nil
        var problems: [String] = []
        var result: [String: DetailRows] = [:]
        for row in table.rows {
            func number(_ name: String) -> Double? {
                guard !table.text(name, row).isEmpty else { return nil }
                return table.number(name, row, file: file, positive: false, problems: &problems)
            }
            let served = table.text("model", row)
            let raw = table.text("device", row)
            guard let label = labels.read(raw) else {
                problems.append(labels.unknown(raw, at: "\(file):\(row.line)"))
                continue
            }
            guard let elapsed = number("run_elapsed"), elapsed > 0 else {
                problems.append("\(file):\(row.line): 'run_elapsed' must be a number of seconds > 0")
                continue
            }
            let id = Self.id(label, model: modelName(served))
            var metrics: [MetricID: Double] = [.e2eLatency: elapsed]
            if let ttft = number("run_ttft") { metrics[.ttft] = ttft }
            if let tokens = number("num_tokens") {
                metrics[.nOut] = tokens
                metrics[.e2eThroughput] = tokens / elapsed
            }
            var group = result[id] ?? DetailRows(line: row.line)
            group.harnessGPULabel = group.harnessGPULabel || PaperDeviceLabels.isHarnessDetailsGPULabel(raw)
            group.requests.append(
                RequestResult(
                    index: group.requests.count, metrics: metrics, itl: [], flags: counted ? [] : [.estimated],
                    response: table.column("response").flatMap { $0 < row.fields.count ? row.fields[$0] : nil }))
            result[id] = group
        }
        guard problems.isEmpty else { throw ImportError(problems.joined(separator: "\n")) }
        return result
    }

    /// The harness logs the details of its GPU-Ollama runs under `GPU-hailo-Ollama`: such a group belongs to
    /// GPU-Ollama where the results have a GPU-Ollama row for the model and no GPU-Hailo-Ollama one.
    /// Returns the notes saying so.
    func assignHarnessGPUDetails(_ groups: inout [String: DetailRows], results: Set<String>, file: String) throws
        -> [String]
    {
        var notes: [String] = []
        for (id, group) in groups.sorted(by: { $0.key < $1.key }) where group.harnessGPULabel {
            let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "GPU-Hailo-Ollama" else { continue }
            let ollama = "GPU-Ollama/" + parts[1]
            guard results.contains(ollama), groups[ollama] == nil else { continue }
            guard !results.contains(id) else {
                throw ImportError(
                    "\(file):\(group.line): the 'GPU-hailo-Ollama' rows of model '\(parts[1])' cannot be told apart: the "
                        + "harness writes that label in the details of both its GPU-Ollama and GPU-Hailo-Ollama runs, "
                        + "and the results have both; relabel the GPU-Ollama runs' rows GPU-Ollama")
            }
            groups[ollama] = group
            groups[id] = nil
            notes.append(
                "\(file): the 'GPU-hailo-Ollama' rows of model '\(parts[1])' are the details of its GPU-Ollama row "
                    + "(the harness logs its GPU-Ollama runs under that label)")
        }
        return notes
    }
}
