import EdgeBenchTesting
import Testing
@testable import EdgeBenchTelemetry

@Suite struct NvidiaSMILogTests {
    private func value(_ log: TelemetryLog, _ name: String) -> Double? {
        log.readings.first { $0.name == name }?.value
    }

    /// With header and units, behind an echoed `ssh … nvidia-smi --query-gpu=…` and an elision "…".
    @Test func datacenterWithHeaderAndUnits() throws {
        let log = try NvidiaSMILog.parse(try Fixtures.text("nvidia-smi/nvidia-smi-query-csv-datacenter-PARTIAL.txt"))
        #expect(log.source == .init(format: "nvidia-smi", boundary: .gpuBoard, estimate: false))
        #expect(log.readings.count == 8)
        #expect(value(log, "gpu0 power.draw") == 863.87)
        #expect(value(log, "gpu1 power.draw") == 871.89)
        #expect(value(log, "gpu0 utilization.gpu") == 86)
        #expect(value(log, "gpu1 temperature.gpu") == 69)
        #expect(value(log, "gpu0 memory.used") == 7850.0 * 1_048_576)
        #expect(log.readings.first { $0.name == "gpu0 memory.used" }?.unit == "B")
        // two GPUs: no single device figure
        #expect(log.powerChannel == nil)
        #expect(log.powerNote?.hasPrefix("2 power channels") == true)
    }

    /// nounits with header; no index column, so GPUs are numbered by uuid in order of appearance.
    @Test func v100NoUnitsNumberedByUUID() throws {
        let log = try NvidiaSMILog.parse(try Fixtures.text("nvidia-smi/nvidia-smi-query-csv-nounits-v100-PARTIAL.txt"))
        #expect(log.readings.count == 4 * 6)
        #expect(value(log, "gpu0 power.draw") == 48.99)
        #expect(value(log, "gpu1 power.draw") == 383.55)
        #expect(value(log, "gpu1 temperature.gpu") == 62)
        #expect(value(log, "gpu1 utilization.gpu") == 98)
        #expect(value(log, "gpu1 utilization.memory") == 35)
        #expect(value(log, "gpu1 memory.used") == 11149.0 * 1_048_576)
        #expect(value(log, "gpu1 memory.free") == 21351.0 * 1_048_576)
        #expect(value(log, "gpu3 power.draw") == 49.69)
        #expect(log.readings.filter { $0.name.hasSuffix("power.draw") }.map(\.unit) == ["W", "W", "W", "W"])
    }

    /// EdgeBench's own query, noheader,nounits: one GPU, so its power.draw is the log's power.
    @Test func noHeaderIsReadAsEdgeBenchQuery() throws {
        let log = try NvidiaSMILog.parse("45.20, 51, 17, 1234, 1410\n[N/A], 52, [Not Supported], 2048, 1410\n")
        #expect(log.readings.map(\.name) == [
            "gpu0 power.draw", "gpu0 temperature.gpu", "gpu0 utilization.gpu", "gpu0 memory.used", "gpu0 clocks.sm",
            "gpu0 temperature.gpu", "gpu0 memory.used", "gpu0 clocks.sm",
        ])
        let mebibyte = 1_048_576.0
        let expected: [Double] = [45.2, 51, 17, 1234 * mebibyte, 1.41e9, 52, 2048 * mebibyte, 1.41e9]
        #expect(log.readings.map(\.value) == expected)
        #expect(log.powerChannel == "gpu0 power.draw")
    }

    /// Jetson Orin: every value `[N/A]`, so no reading at all (never zeros). The report does not
    /// give its field list: read as EdgeBench's query the name lands in power.draw and is refused.
    @Test func jetsonAllNotAvailable() throws {
        let text = try Fixtures.text("nvidia-smi/nvidia-smi-query-jetson-orin-NA-report.txt")
        let log = try NvidiaSMILog.parse(text, fields: ["name", "power.draw", "temperature.gpu", "utilization.gpu", "memory.used"])
        #expect(log.readings.isEmpty)
        #expect(log.powerChannel == nil)
        let error = try #require(throws: TelemetryLogError.self) { try NvidiaSMILog.parse(text) }
        #expect(error.line == 1)
        #expect(error.expected == "a number or [N/A] for power.draw, got \"Orin (nvgpu)\"")
    }

    /// The default table is for people: the error names the first table line and the query to run.
    @Test(arguments: [
        ("nvidia-smi/nvidia-smi-default-jp6-agx-orin-540.4.0-cuda-NA-PARTIAL.txt", 6),
        ("nvidia-smi/nvidia-smi-default-jp6-orin-540.4.0-PARTIAL.txt", 3),
        ("nvidia-smi/nvidia-smi-default-orin-540.3.0-driver-NA-PARTIAL.txt", 1),
    ])
    func defaultTableIsRefused(fixture: String, line: Int) throws {
        let error = try #require(throws: TelemetryLogError.self) { try NvidiaSMILog.parse(try Fixtures.text(fixture)) }
        #expect(error.line == line)
        #expect(error.text.hasPrefix("+---"))
        #expect(error.expected.contains("default table"))
        #expect(error.expected.contains("nvidia-smi --query-gpu=power.draw,temperature.gpu,utilization.gpu,memory.used,clocks.sm --format=csv,noheader,nounits"))
    }

    @Test func notFoundSaysWhatToUse() throws {
        let error = try #require(throws: TelemetryLogError.self) {
            try NvidiaSMILog.parse(try Fixtures.text("nvidia-smi/nvidia-smi-jp5-not-found.txt"))
        }
        #expect(error.line == 2)
        #expect(error.text == "-bash: nvidia-smi: command not found")
        #expect(error.expected.contains("not installed"))
        #expect(error.expected.contains("tegrastats"))
        #expect(error.expected.contains("--query-gpu="))
    }

    @Test func wrongColumnCountNamesTheQuery() throws {
        let error = try #require(throws: TelemetryLogError.self) { try NvidiaSMILog.parse("45.2, 51\n") }
        #expect(error.line == 1)
        #expect(error.expected.hasPrefix("5 comma-separated values for power.draw,temperature.gpu"))
    }
}
