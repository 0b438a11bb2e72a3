/// The default output (`-o md`): one table per invocation, each followed by `build: <commit> (<number>)`,
/// often pasted with the command line and ggml's device lines around it, sometimes indented as a block.
///
/// The table prints means and spreads only ("874.77 ± 28.22"), sizes in GiB and parameter counts in
/// billions with two decimals; they are converted to bytes and counts at that precision.
enum LlamaBenchMarkdownReader {
    static func isHeader(_ line: String) -> Bool {
        let names = cells(line).map(\.text)
        return line.hasPrefix("|") && names.contains("model") && names.contains("t/s")
    }

    static func read(_ text: TextLocation, file: String) throws(LlamaBenchParseError) -> [LlamaBenchTest] {
        var tests: [LlamaBenchTest] = []
        var header: [String]?
        var command: LlamaBenchCommandLine?
        var gpus: [String] = []
        // tests printed since the last `build:` line: that line names their build
        var awaitingBuild = 0
        for index in text.lineStarts.indices {
            let raw = text.lineText(index)
            let line = raw.trimmingWhitespace()
            guard line.hasPrefix("|") else {
                header = nil
                if let build = build(line) {
                    for i in awaitingBuild..<tests.count {
                        tests[i].buildCommit = build.commit
                        tests[i].buildNumber = build.number
                    }
                    awaitingBuild = tests.count
                } else if line.contains("ggml_cuda_init: found") {
                    gpus = []
                } else if let gpu = cudaDevice(line) {
                    gpus.append(gpu)
                } else if let invocation = LlamaBenchCommandLine(line) {
                    command = invocation
                }
                continue
            }
            let row = cells(raw)
            guard let names = header else {
                if isHeader(line) { header = row.map { $0.text.lowercased() } }
                continue
            }
            if row.allSatisfy({ $0.text.allSatisfy { "-:".contains($0) } && !$0.text.isEmpty }) { continue }
            var test = try self.test(row, names: names, line: index, text, file: file)
            if !gpus.isEmpty { test.gpuInfo = gpus.joined(separator: ", ") }
            if let command { apply(command, to: &test, columns: Set(names)) }
            tests.append(test)
        }
        guard !tests.isEmpty else {
            throw LlamaBenchParseError(
                file: file, problem: "the markdown table has a header but no rows",
                remedy: "llama-bench printed nothing to measure; check its command line (-p, -n) and run it again")
        }
        return tests
    }

    private static func test(
        _ row: [(text: String, offset: Int)], names: [String], line: Int, _ text: TextLocation, file: String
    ) throws(LlamaBenchParseError) -> LlamaBenchTest {
        func fail(_ problem: String, _ cell: Int?) -> LlamaBenchParseError {
            LlamaBenchParser.error(problem, at: text.lineStarts[line] + (cell.map { row[$0].offset } ?? 0), in: text, file: file)
        }
        guard row.count == names.count else {
            throw fail("this row has \(row.count) cells, the table header has \(names.count)", nil)
        }
        var values: [String: (text: String, cell: Int)] = [:]
        for (cell, name) in names.enumerated() { values[name] = (row[cell].text, cell) }
        guard let testCell = values["test"], let shape = testShape(testCell.text) else {
            throw fail("expected a test name such as pp512, tg128, pp512+tg128 or pp512 @ d128", values["test"]?.cell)
        }
        guard let rateCell = values["t/s"], let rate = meanAndSpread(rateCell.text) else {
            throw fail("expected tokens per second such as 874.77 ± 28.22", values["t/s"]?.cell)
        }
        var test = LlamaBenchTest(
            promptTokens: shape.prompt, generatedTokens: shape.generated, depth: shape.depth,
            averageRate: rate.mean, stddevRate: rate.spread, line: line + 1)
        for (name, value) in values where !value.text.isEmpty {
            switch name {
            case "test", "t/s": break
            case "model": test.modelType = value.text
            case "size":
                guard let bytes = quantity(value.text, units: binaryUnits) else {
                    throw fail("expected a model size such as 1.79 GiB", value.cell)
                }
                test.modelSizeBytes = bytes
            case "params":
                guard let count = quantity(value.text, units: decimalUnits) else {
                    throw fail("expected a parameter count such as 3.09 B", value.cell)
                }
                test.modelParameters = count
            case "backend": test.backends = value.text
            case "threads": test.threads = Int(value.text)
            case "ngl": test.gpuLayers = Int(value.text)
            case "n_batch": test.batchSize = Int(value.text)
            case "n_ubatch": test.microBatchSize = Int(value.text)
            case "type_k": test.cacheTypeK = value.text
            case "type_v": test.cacheTypeV = value.text
            case "fa": test.flashAttention = flashAttention(value.text)
            case "dev": test.devices = value.text
            default: test.otherParameters[name] = value.text
            }
        }
        return test
    }

    /// The command line fills what the table has no column for; a column always wins.
    private static func apply(_ command: LlamaBenchCommandLine, to test: inout LlamaBenchTest, columns: Set<String>) {
        test.repetitions = command.repetitions
        test.modelFile = command.single("-m")
        if !columns.contains("threads"), let threads = command.int("-t") { test.threads = threads }
        if !columns.contains("ngl"), let layers = command.int("-ngl") { test.gpuLayers = layers }
        if !columns.contains("n_batch"), let batch = command.int("-b") { test.batchSize = batch }
        if !columns.contains("n_ubatch"), let batch = command.int("-ub") { test.microBatchSize = batch }
        if !columns.contains("type_k"), let type = command.single("-ctk") { test.cacheTypeK = type }
        if !columns.contains("type_v"), let type = command.single("-ctv") { test.cacheTypeV = type }
        if !columns.contains("fa"), let fa = command.single("-fa") { test.flashAttention = flashAttention(fa) }
        if !columns.contains("dev"), let devices = command.single("-dev") { test.devices = devices }
    }

    /// Cells between the outer pipes, trimmed, with their byte offset in the line.
    static func cells(_ line: String) -> [(text: String, offset: Int)] {
        let bytes = Array(line.utf8)
        var result: [(String, Int)] = []
        guard let first = bytes.firstIndex(of: UInt8(ascii: "|")) else { return [] }
        var start = first + 1
        for index in (first + 1)..<max(first + 1, bytes.count) where bytes[index] == UInt8(ascii: "|") {
            let cell = String(decoding: bytes[start..<index], as: UTF8.self)
            let lead = cell.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
            result.append((cell.trimmingWhitespace(), start + lead))
            start = index + 1
        }
        return result
    }

    /// "pp512", "tg128", "pp512+tg128", "pp512 @ d128"; old builds wrote "pp 512".
    static func testShape(_ name: String) -> (prompt: Int, generated: Int, depth: Int)? {
        let compact = name.filter { $0 != " " }
        let halves = compact.split(separator: "@", omittingEmptySubsequences: false)
        guard halves.count <= 2, let body = halves.first, !body.isEmpty else { return nil }
        var prompt = 0
        var generated = 0
        for part in body.split(separator: "+", omittingEmptySubsequences: false) {
            if part.hasPrefix("pp"), let n = Int(part.dropFirst(2)), n >= 0 { prompt = n }
            else if part.hasPrefix("tg"), let n = Int(part.dropFirst(2)), n >= 0 { generated = n }
            else { return nil }
        }
        var depth = 0
        if halves.count == 2 {
            guard halves[1].hasPrefix("d"), let n = Int(halves[1].dropFirst()), n >= 0 else { return nil }
            depth = n
        }
        return (prompt, generated, depth)
    }

    /// "874.77 ± 28.22" → (874.77, 28.22); a bare number has no spread.
    static func meanAndSpread(_ text: String) -> (mean: Double, spread: Double?)? {
        let parts = text.split(separator: "±").map { String($0).trimmingWhitespace() }
        guard let mean = parts.first.flatMap(Double.init), mean.isFinite else { return nil }
        if parts.count == 1 { return (mean, nil) }
        guard parts.count == 2, let spread = Double(parts[1]) else { return nil }
        return (mean, spread)
    }

    static let binaryUnits: [String: Double] = ["B": 1, "KiB": 1024, "MiB": 1024 * 1024, "GiB": 1024 * 1024 * 1024, "TiB": 1024 * 1024 * 1024 * 1024]
    static let decimalUnits: [String: Double] = ["": 1, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12]

    /// "1.79 GiB" → bytes, "3.09 B" → a count (B is billions here, as llama-bench prints params).
    static func quantity(_ text: String, units: [String: Double]) -> Int64? {
        let parts = text.split(separator: " ").map(String.init)
        guard let number = parts.first.flatMap(Double.init), number.isFinite, number >= 0,
              let scale = units[parts.count > 1 ? parts[1] : ""], parts.count <= 2
        else { return nil }
        // Int64(exactly:) refuses what no Int64 holds (1e20 GiB) instead of trapping on it
        return Int64(exactly: (number * scale).rounded())
    }

    /// `fa` is 1/0 in tables, and on/off/auto on newer command lines; -1 means auto as in JSON.
    static func flashAttention(_ text: String) -> Int? {
        switch text.lowercased() {
        case "1", "on", "true", "enabled": 1
        case "0", "off", "false", "disabled": 0
        case "-1", "auto": -1
        default: nil
        }
    }

    /// `build: 873e5d8 (1)`
    static func build(_ line: String) -> (commit: String, number: Int?)? {
        guard line.hasPrefix("build:") else { return nil }
        let words = line.dropFirst("build:".count).split(separator: " ")
        guard let commit = words.first else { return nil }
        let number = words.dropFirst().first.flatMap { Int($0.filter(\.isNumber)) }
        return (String(commit), number)
    }

    /// `  Device 0: Orin, compute capability 8.7, VMM: yes` → "Orin".
    static func cudaDevice(_ line: String) -> String? {
        guard line.hasPrefix("Device "), line.contains("compute capability"),
              let colon = line.firstIndex(of: ":") else { return nil }
        let rest = line[line.index(after: colon)...]
        let name = rest.split(separator: ",").first.map { String($0).trimmingWhitespace() } ?? ""
        return name.isEmpty ? nil : name
    }
}
