@testable import EdgeBenchEngines
import EdgeBenchTesting
import Foundation
import Testing

/// llama-bench output in every format and field set the fixtures hold, read to SI values.
struct LlamaBenchParserTests {
    static let b11434 = "llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm"
    static let c0c1e570 = "llm-servers/llama.cpp-0c1e570-cpu-2vcpu-xeon-vm"

    func parse(_ relative: String) throws -> LlamaBenchOutput {
        try LlamaBenchParser.parse(contentsOf: Fixtures.url(relative))
    }

    func parse(text: String, file: String = "test.txt") throws(LlamaBenchParseError) -> LlamaBenchOutput {
        try LlamaBenchParser.parse(Array(text.utf8), file: file)
    }

    // MARK: - JSON, new field set

    @Test func b11434SmolLM2JSONHasEverySettingAndEachRepetition() throws {
        let output = try parse("\(Self.b11434)/llama-bench-smollm2-135m-instruct-q4_1.json")
        #expect(output.format == .json)
        #expect(output.tests.map(\.name) == ["pp64", "tg32"])
        let pp = output.tests[0]
        #expect(pp.averageRate == 280.044688)
        #expect(pp.stddevRate == 22.010551)
        #expect(pp.sampleRates == [293.758, 291.72, 254.656])
        #expect(pp.sampleSeconds == [0.21786666, 0.219388401, 0.251319098])
        #expect(pp.averageSeconds == 0.229524719)
        #expect(pp.stddevSeconds == 0.018889827)
        #expect(pp.repetitions == 3)
        #expect(pp.kind == .prompt)
        #expect(pp.promptTokens == 64 && pp.generatedTokens == 0 && pp.depth == 0)
        #expect(pp.buildNumber == 11434)
        #expect(pp.buildCommit == "unknown")
        #expect(pp.backends == "CPU")
        #expect(pp.cpuInfo == "Intel(R) Xeon(R) Processor")
        #expect(pp.gpuInfo == nil, "gpu_info is \"\" on a CPU build")
        #expect(pp.modelFile == "/srv/models/SmolLM2-135M-Instruct.Q4_1.gguf")
        #expect(pp.modelType == "llama 256M Q4_1")
        #expect(pp.modelSizeBytes == 96_576_768)
        #expect(pp.modelParameters == 134_515_008)
        #expect(pp.threads == 2)
        #expect(pp.gpuLayers == -1)
        #expect(pp.batchSize == 2048 && pp.microBatchSize == 512)
        #expect(pp.cacheTypeK == "f16" && pp.cacheTypeV == "f16")
        #expect(pp.flashAttention == -1)
        #expect(pp.devices == "auto")
        #expect(pp.testTime == "2026-11-22T06:28:13Z")
        #expect(pp.otherParameters["repack"] == "true")
        #expect(pp.otherParameters["split_mode"] == "layer")
        #expect(pp.otherParameters["cpu_mask"] == "0x0")
        #expect(pp.otherParameters.count == 17)
        #expect(pp.line == 2)

        let tg = output.tests[1]
        #expect(tg.kind == .generation)
        #expect(tg.averageRate == 106.562930)
        #expect(tg.stddevRate == 1.833990)
        #expect(tg.sampleRates == [107.954, 107.25, 104.485])
        #expect(tg.generatedTokens == 32)
        #expect(tg.line == 48)
    }

    @Test func b11434GemmaJSON() throws {
        let output = try parse("\(Self.b11434)/llama-bench-gemma-3-270m-q4_k_m.json")
        #expect(output.tests.map(\.name) == ["pp64", "tg32"])
        #expect(output.tests.map(\.averageRate) == [533.128565, 53.801440])
        #expect(output.tests[0].sampleRates == [528.236, 539.594, 531.556])
        #expect(output.tests[1].sampleRates == [53.8663, 53.768, 53.77])
        #expect(output.tests[0].modelType == "gemma3 270M Q4_K - Medium")
        #expect(output.tests[0].modelSizeBytes == 246_587_904)
    }

    @Test func build0SmolLM2JSONFromTheVendoredLlamaCpp() throws {
        let output = try parse("\(Self.c0c1e570)/llama-bench-smollm2-135m-instruct-q4_1.json")
        #expect(output.tests.map(\.averageRate) == [243.288506, 99.909483])
        #expect(output.tests.map(\.buildNumber) == [0, 0])
        #expect(output.tests[0].sampleRates == [238.441, 233.709, 257.715])
        #expect(output.tests[1].sampleRates == [99.9465, 99.8883, 99.8937])
    }

    @Test func build0GemmaJSON() throws {
        let output = try parse("\(Self.c0c1e570)/llama-bench-gemma-3-270m-q4_k_m.json")
        #expect(output.tests.map(\.averageRate) == [406.197502, 45.690570])
        #expect(output.tests.map(\.stddevRate) == [9.027822, 1.044139])
        #expect(output.tests[1].sampleRates == [46.0513, 44.5139, 46.5065])
    }

    // MARK: - JSON and CSV, old field set (b1275)

    @Test func b1275JSONDerivesTheBackendFromTheOldBooleans() throws {
        let output = try parse("llama-bench/llama-bench-b1275-json-rtx3090ti-readme.json")
        #expect(output.format == .json)
        #expect(output.tests.map(\.name) == ["pp512", "tg128"])
        let pp = output.tests[0]
        #expect(pp.backends == "CUDA")
        #expect(pp.buildCommit == "3469684" && pp.buildNumber == 1275)
        #expect(pp.gpuInfo == "NVIDIA GeForce RTX 3090 Ti")
        #expect(pp.cpuInfo == "13th Gen Intel(R) Core(TM) i9-13900K")
        #expect(pp.modelType == "llama 7B mostly Q4_0")
        #expect(pp.modelSizeBytes == 3_825_065_984 && pp.modelParameters == 6_738_415_616)
        #expect(pp.threads == 16 && pp.gpuLayers == 99 && pp.batchSize == 512)
        #expect(pp.microBatchSize == nil && pp.flashAttention == nil && pp.devices == nil)
        #expect(pp.averageRate == 2410.974041 && pp.stddevRate == 11.163766)
        #expect(pp.sampleRates == [2394.34, 2419.25, 2411.36, 2422.75, 2407.16])
        #expect(pp.repetitions == 5)
        #expect(pp.otherParameters == ["f16_kv": "true", "main_gpu": "0", "mul_mat_q": "true", "tensor_split": "0.00"])
        let tg = output.tests[1]
        #expect(tg.averageRate == 130.965708 && tg.stddevRate == 1.238924)
        #expect(tg.averageSeconds == 0.977425219)
    }

    @Test func b1275CSVWithEveryFieldQuoted() throws {
        let output = try parse("llama-bench/llama-bench-b1275-csv-rtx3090ti-readme.csv")
        #expect(output.format == .csv)
        #expect(output.tests.map(\.name) == ["pp512", "tg128"])
        #expect(output.tests.map(\.averageRate) == [2413.341687, 132.052051])
        #expect(output.tests.map(\.stddevRate) == [8.305961, 0.371342])
        #expect(output.tests.map(\.line) == [2, 3])
        let pp = output.tests[0]
        #expect(pp.backends == "CUDA")
        #expect(pp.buildNumber == 1275 && pp.buildCommit == "3469684")
        #expect(pp.threads == 16 && pp.gpuLayers == 99)
        #expect(pp.modelSizeBytes == 3_825_065_984)
        #expect(pp.sampleRates == nil, "CSV prints means only")
        #expect(pp.repetitions == nil, "CSV does not say how many repetitions")
        #expect(pp.averageSeconds == 0.212155977)
        #expect(pp.testTime == "2023-09-23T12:09:01Z")
    }

    // MARK: - Damaged JSON

    @Test func aValueBrokenAcrossLinesIsReportedAtItsLineAndColumn() throws {
        let path = try Fixtures.url("llama-bench/llama-bench-b10700-json-sycl-arc-b70-DAMAGED-linebreak.txt").path
        #expect {
            try LlamaBenchParser.parse(contentsOf: URL(fileURLWithPath: path))
        } throws: { error in
            guard let error = error as? LlamaBenchParseError else { return false }
            // `    "cpu_strict": f` is line 16 of the file; the `f` is its 19th character.
            return error.file == path && error.line == 16 && error.column == 19
                && error.problem == "not valid JSON: expected `false`, found `f\\n\\talse,` (the value is broken across lines)"
                && error.excerpt == """
                      16 |     "cpu_strict": f
                         |                   ^
                      17 | \\talse,
                    """
                && error.remedy == "re-run llama-bench with -o json, or fix the file by hand"
                && String(describing: error).hasPrefix("\(path):16:19: not valid JSON")
        }
    }

    @Test func outputCutOffMidStringNamesWhereTheStringBegan() {
        let text = "[\n  {\n    \"build_commit\": \"bebc9350e\",\n    \"mo"
        #expect {
            try parse(text: text)
        } throws: { error in
            let error = error as! LlamaBenchParseError
            return error.line == 4 && error.column == 5
                && error.problem == "not valid JSON: the file ends inside the string that starts here: the output is cut off"
        }
    }

    @Test func aTestObjectWithoutItsRateIsNamed() {
        #expect {
            try parse(text: "ggml_cuda_init: found 1 CUDA devices:\n[\n  {\"n_prompt\": 512, \"n_gen\": 0}\n]\n")
        } throws: { error in
            let error = error as! LlamaBenchParseError
            return error.line == 3 && error.column == 3
                && error.problem == "the test object starting here has no readable \"avg_ts\"; is this llama-bench output?"
        }
    }

    // MARK: - JSON lines and what surrounds the output

    static let jsonl = """
        {"build_commit": "unknown", "build_number": 11434, "backends": "CPU", "n_threads": 2, "n_prompt": 16, "n_gen": 0, "n_depth": 0, "avg_ns": 91118528, "avg_ts": 175.686312, "stddev_ts": 5.649993, "samples_ns": [ 89046471, 93190585 ],"samples_ts": [ 179.681, 171.691 ]}
        {"build_commit": "unknown", "build_number": 11434, "backends": "CPU", "n_threads": 2, "n_prompt": 0, "n_gen": 8, "n_depth": 0, "avg_ns": 78968500, "avg_ts": 101.436446, "stddev_ts": 5.140040, "samples_ns": [ 76138989, 81798011 ],"samples_ts": [ 105.071, 97.8019 ]}
        """

    @Test func jsonLinesWithStderrAroundAndBetweenThem() throws {
        let lines = Self.jsonl.split(separator: "\n")
        let text = "load_backend: loaded CPU backend\n\(lines[0])\nllama_model_load: warning [x]\n\(lines[1])\nmain: done\n"
        let output = try parse(text: text)
        #expect(output.format == .jsonl)
        #expect(output.tests.map(\.name) == ["pp16", "tg8"])
        #expect(output.tests.map(\.averageRate) == [175.686312, 101.436446])
        #expect(output.tests[1].sampleRates == [105.071, 97.8019])
        #expect(output.tests.map(\.line) == [2, 4])
    }

    @Test func aDamagedJSONLineIsAnErrorNotSkipped() {
        let lines = Self.jsonl.split(separator: "\n")
        let broken = lines[1].replacingOccurrences(of: "\"n_gen\": 8", with: "\"n_gen\": 8 8")
        #expect {
            try parse(text: "\(lines[0])\n\(broken)\n")
        } throws: { error in
            let error = error as! LlamaBenchParseError
            return error.line == 2 && error.problem.hasPrefix("not valid JSON: expected `,` or `}` after the value of \"n_gen\"")
        }
    }

    @Test func aJSONArrayAfterAPreambleAndBeforeATrailer() throws {
        let text = "ggml_cuda_init: found 1 CUDA devices:\n  Device 0: Orin, compute capability 8.7\n"
            + "[\n" + Self.jsonl.replacingOccurrences(of: "}\n{", with: "},\n{") + "\n]\nllama_perf: [done]\n"
        let output = try parse(text: text)
        #expect(output.format == .json)
        #expect(output.tests.map(\.averageRate) == [175.686312, 101.436446])
        #expect(output.tests.map(\.line) == [4, 5])
    }

    @Test func jsonSavedByPowerShellAsUTF16WithAByteOrderMark() throws {
        let utf8 = try Fixtures.bytes("\(Self.b11434)/llama-bench-smollm2-135m-instruct-q4_1.json")
        let text = String(decoding: utf8, as: UTF8.self)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let output = try LlamaBenchParser.parse(utf16, file: "bench.json")
        #expect(output.tests.map(\.averageRate) == [280.044688, 106.562930])
        let withBOM = try LlamaBenchParser.parse([0xEF, 0xBB, 0xBF] + utf8, file: "bench.json")
        #expect(withBOM.tests.map(\.averageRate) == [280.044688, 106.562930])
    }

    // MARK: - Markdown

    @Test func aBracketedNoteBeforeATableIsNotTakenForJSONNorProseForACommand() throws {
        let text = """
            [1] Jetson run, see below
            I ran llama-bench -r 9 twice, the second time is this one:
            | model | size | params | backend | ngl | test | t/s |
            | --- | ---: | ---: | --- | --: | ---: | ---: |
            | qwen2 3B Q4_K - Medium | 1.79 GiB | 3.09 B | CUDA | 99 | tg128 | 23.85 ± 0.01 |
            """
        let output = try parse(text: text)
        #expect(output.format == .markdown)
        #expect(output.tests.map(\.averageRate) == [23.85])
        #expect(output.tests[0].repetitions == nil, "a sentence naming llama-bench is not its command line")
    }

    @Test func commandLinesAfterAPromptOrAsAPath() {
        #expect(LlamaBenchCommandLine("user@jetson:~$ ./llama-bench -m a.gguf --repetitions 7 -t 4,8")?.repetitions == 7)
        #expect(LlamaBenchCommandLine("user@jetson:~$ ./llama-bench -m a.gguf -t 4,8")?.int("-t") == nil, "a list")
        #expect(LlamaBenchCommandLine("sudo llama-bench -ngl -1")?.int("-ngl") == -1)
        #expect(LlamaBenchCommandLine("llama-bench -m 'my model.gguf'")?.single("-m") == "my model.gguf")
        #expect(LlamaBenchCommandLine("llama-bench")?.repetitions == 5, "llama-bench's default")
        #expect(LlamaBenchCommandLine("we used llama-bench -r 3 here") == nil)
    }

    @Test func orinNanoMarkdownWithTwoTablesCommandLinesAndBuildTrailers() throws {
        let output = try parse("llama-bench/llama-bench-md-jp6.2-orin-nano-super-cuda-and-cpu-devnone.txt")
        #expect(output.format == .markdown)
        #expect(output.tests.map(\.name) == ["pp512", "tg128", "pp512", "tg128"])
        #expect(output.tests.map(\.averageRate) == [874.77, 23.85, 40.39, 12.75])
        #expect(output.tests.map(\.stddevRate) == [28.22, 0.01, 0.08, 0.09])
        for test in output.tests {
            #expect(test.buildCommit == "873e5d8" && test.buildNumber == 1)
            #expect(test.repetitions == 3, "-r 3 on the command line")
            #expect(test.modelType == "qwen2 3B Q4_K - Medium")
            #expect(test.modelFile == "~/models/Qwen2.5-3B-Instruct-Q4_K_M.gguf")
            // 1.79 GiB and 3.09 B, at the table's precision
            #expect(test.modelSizeBytes == 1_921_997_865)
            #expect(test.modelParameters == 3_090_000_000)
            #expect(test.backends == "CUDA")
            #expect(test.gpuInfo == "Orin")
            #expect(test.sampleRates == nil)
        }
        let cuda = output.tests[0]
        #expect(cuda.gpuLayers == 99 && cuda.devices == nil && cuda.threads == nil)
        let cpu = output.tests[2]
        #expect(cpu.gpuLayers == -1)
        #expect(cpu.devices == "none")
        #expect(cpu.threads == 6, "-t 6 on the command line; the table has no threads column")
        #expect(output.tests.map(\.line) == [6, 7, 14, 15])
    }

    @Test func tx2MarkdownWithoutACommandLine() throws {
        let output = try parse("llama-bench/llama-bench-md-tx2-cuda-b8667.txt")
        #expect(output.tests.map(\.name) == ["pp512", "tg128"])
        #expect(output.tests.map(\.averageRate) == [17.67, 6.64])
        #expect(output.tests.map(\.stddevRate) == [0.11, 0.01])
        let pp = output.tests[0]
        #expect(pp.buildCommit == "b2cef5024" && pp.buildNumber == 8667)
        #expect(pp.gpuInfo == "NVIDIA Tegra X2")
        #expect(pp.modelType == "gemma4 E2B Q4_K - Medium")
        #expect(pp.modelSizeBytes == 3_092_376_453)
        #expect(pp.modelParameters == 4_650_000_000)
        #expect(pp.gpuLayers == 99)
        #expect(pp.modelFile == nil && pp.repetitions == nil, "no command line: file and repetitions unknown")
    }

    @Test func agxOrinMarkdownIndentedWithAFlashAttentionColumn() throws {
        let output = try parse("llama-bench/llama-bench-md-agx-orin-b4675-fa1-INDENTED-notes.txt")
        #expect(output.tests.map(\.name) == ["pp512", "tg128"])
        #expect(output.tests.map(\.averageRate) == [128.64, 5.37])
        #expect(output.tests.map(\.stddevRate) == [0.03, 0.01])
        let pp = output.tests[0]
        #expect(pp.flashAttention == 1)
        #expect(pp.buildCommit == "55ac8c77" && pp.buildNumber == 4675)
        #expect(pp.modelFile == "DeepSeek-R1-Distill-Qwen-32B-Q4_K_M.gguf", "from --model on the command line")
        #expect(pp.repetitions == 5, "no -r: llama-bench's default")
        #expect(pp.modelSizeBytes == 19_842_748_908)
        #expect(pp.modelParameters == 32_760_000_000)
        #expect(pp.gpuInfo == "Orin")
    }

    @Test func markdownTestNamesOfEveryShape() throws {
        let text = """
            | model | size | params | backend | threads | test | t/s |
            | ----- | ---: | -----: | ------- | ------: | ---: | --: |
            | llama 7B mostly Q4_0 | 3.56 GiB | 6.74 B | CPU | 8 | pp 512 | 20.5 ± 0.5 |
            | llama 7B mostly Q4_0 | 3.56 GiB | 6.74 B | CPU | 8 | pp512+tg128 | 7.25 ± 0.10 |
            | llama 7B mostly Q4_0 | 3.56 GiB | 6.74 B | CPU | 8 | pp512 @ d128 | 19.00 ± 0.20 |
            | llama 7B mostly Q4_0 | 3.56 GiB | 6.74 B | CPU | 8 | tg128 @ d512 | 5.50 |
            """
        let tests = try parse(text: text).tests
        #expect(tests.map(\.promptTokens) == [512, 512, 512, 0])
        #expect(tests.map(\.generatedTokens) == [0, 128, 0, 128])
        #expect(tests.map(\.depth) == [0, 0, 128, 512])
        #expect(tests.map(\.kind) == [.prompt, .promptAndGeneration, .prompt, .generation])
        #expect(tests.map(\.name) == ["pp512", "pp512+tg128", "pp512 @ d128", "tg128 @ d512"])
        #expect(tests[3].stddevRate == nil)
        #expect(tests[0].threads == 8)
    }

    @Test func aMarkdownRowWithAnUnreadableRateNamesTheCell() {
        let text = "| model | test | t/s |\n| --- | --: | --: |\n| llama 7B | tg128 | fast |\n"
        #expect {
            try parse(text: text)
        } throws: { error in
            let error = error as! LlamaBenchParseError
            return error.line == 3 && error.column == 22 && error.problem == "expected tokens per second such as 874.77 ± 28.22"
        }
    }

    // MARK: - Not llama-bench output at all

    @Test func emptyUnrecognisedAndMissingFilesSayWhatToDo() throws {
        #expect(throws: LlamaBenchParseError.empty("e.txt")) { try parse(text: "", file: "e.txt") }
        #expect(throws: LlamaBenchParseError.empty("e.txt")) { try parse(text: " \n\t\n", file: "e.txt") }
        #expect(throws: LlamaBenchParseError.unrecognised("u.txt")) { try parse(text: "hello\nworld\n", file: "u.txt") }
        #expect {
            try LlamaBenchParser.parse(contentsOf: URL(fileURLWithPath: "/nonexistent/bench.json"))
        } throws: { error in
            String(describing: error).hasPrefix("/nonexistent/bench.json: cannot read the file (")
                && String(describing: error).hasSuffix("→ check the path and that the file is readable")
        }
        #expect(String(describing: LlamaBenchParseError.empty("e.txt"))
            == "e.txt: the file is empty\n→ run llama-bench with -o json (or -o jsonl) and save its standard output to this file")
    }

    @Test func aCSVRowWithTheWrongFieldCountIsNamed() {
        let text = "build_commit,build_number,n_prompt,n_gen,avg_ts\n\"abc\",\"1\",\"512\",\"0\",\"10.5\"\n\"abc\",\"1\",\"0\"\n"
        #expect {
            try parse(text: text)
        } throws: { error in
            let error = error as! LlamaBenchParseError
            return error.line == 3 && error.column == 1 && error.problem == "this row has 3 fields, the header has 5"
        }
    }
}
