import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

/// Issue 13.11: real captures are pasted from terminals. Every capture in the fixtures is read as
/// published, as a Windows (CRLF) copy, and with a shell prompt, the command, `time`'s report and blank
/// lines around and inside it: the readings are the same, the extra lines are skipped and counted.
@Suite struct CaptureNoiseTests {
    /// Every parseable capture of each format in the fixtures (by folder and name, so a new one is included).
    static let captures: [(format: TelemetryLogFormat, fixture: String)] = {
        let root = try! Fixtures.root()
        func files(_ folder: String, _ keep: (String) -> Bool) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            return names.filter(keep).sorted().map { "\(folder)/\($0)" }
        }
        return files("tegrastats") { _ in true }.map { (.tegrastats, $0) }
            + files("rpi") { $0.contains("pmic_read_adc") }.map { (.pmic, $0) }
            + files("nvidia-smi") { $0.contains("query-csv") }.map { (.nvidiaSMI, $0) }
            + files("rockchip") { $0.hasPrefix("rknpu-load") }.map { (.rknpu, $0) }
            + files("powercap-hwmon") { $0.hasPrefix("hwmon-") }.map { (.hwmon, $0) }
            + files("smartplugs-meters") { $0.hasPrefix("shelly-") && !$0.contains("GetDeviceInfo") }.map { (.shelly, $0) }
            + files("smartplugs-meters") { $0.hasPrefix("tasmota-") }.map { (.tasmota, $0) }
    }()

    @Test func everyCaptureIsCovered() {
        let counts = Dictionary(grouping: Self.captures, by: \.format).mapValues(\.count)
        #expect(counts == [.tegrastats: 11, .pmic: 4, .nvidiaSMI: 2, .rknpu: 3, .hwmon: 1, .shelly: 7, .tasmota: 3])
    }

    static func crlf(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }

    @Test(arguments: captures)
    func windowsLineEndingsReadTheSame(format: TelemetryLogFormat, fixture: String) throws {
        let text = try Fixtures.text(fixture)
        let original = try format.parse(text)
        let windows = try format.parse(Self.crlf(text))
        #expect(!original.readings.isEmpty)
        #expect(windows == original)
    }

    /// What a terminal adds around output: a prompt with the command, a blank line, bash's `time` report.
    static let prompt = "pi@edge:~ $ cat capture.txt"
    static let timeReport = ["real\t0m0.005s", "user\t0m0.001s", "sys\t0m0.002s"]

    /// Lines of terminal noise inserted before the first line, after the first line and after the last.
    static func noisy(_ text: String) -> (text: String, added: Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        let middle = ["", Self.prompt]
        let tail = [Self.prompt] + Self.timeReport + [""]
        let head = [Self.prompt, ""]
        lines = head + [lines[0]] + middle + lines.dropFirst() + tail
        return (lines.joined(separator: "\n") + (endsWithNewline ? "\n" : ""), head.count + middle.count + tail.count)
    }

    @Test(arguments: captures.filter { [.tegrastats, .pmic, .nvidiaSMI, .rknpu, .hwmon].contains($0.format) })
    func terminalNoiseIsSkippedAndCounted(format: TelemetryLogFormat, fixture: String) throws {
        let text = try Fixtures.text(fixture)
        let original = try format.parse(text)
        let (noisy, added) = Self.noisy(text)
        for variant in [noisy, Self.crlf(noisy)] {
            let log = try format.parse(variant)
            #expect(log.readings == original.readings, "\(fixture)")
            #expect(log.powerChannel == original.powerChannel)
            #expect(log.skippedLines == original.skippedLines + added, "\(fixture)")
        }
    }

    /// What the published captures themselves skip: their prompts, commands and blank lines.
    @Test func publishedPromptsAreCounted() throws {
        let hwmon = try TelemetryLogFormat.hwmon.parse(try Fixtures.text("powercap-hwmon/hwmon-apm_xgene-power-uW-arm-server-grep.txt"))
        #expect(hwmon.skippedLines == 1)  // `[handong@abeast1-sesa rapl_service]$ grep "" …`
        let rknpu = try TelemetryLogFormat.rknpu.parse(try Fixtures.text("rockchip/rknpu-load-rk3588-high.txt"))
        #expect(rknpu.skippedLines == 2)  // `sudo cat …/rknpu/load` and a blank line
        let nvidia = try TelemetryLogFormat.nvidiaSMI.parse(try Fixtures.text("nvidia-smi/nvidia-smi-query-csv-datacenter-PARTIAL.txt"))
        #expect(nvidia.skippedLines == 3)  // the ssh command, the header, the elision
    }

    /// A `cat PATH` header gives the bare number after it its meaning: rknpu's clock (Hz) and voltage (µV).
    @Test func catHeadersNameTheValueAfterThem() throws {
        let load = try Fixtures.text("rockchip/rknpu-load-rk3588-high.txt")
        let text = "# cat /sys/kernel/debug/rknpu/freq\n1000000000\n# cat /sys/kernel/debug/rknpu/volt\n850000\n" + load
        let log = try TelemetryLogFormat.rknpu.parse(text)
        #expect(log.readings.prefix(2) == [
            LogReading(t: nil, name: "NPU freq", quantity: .frequency, value: 1e9, unit: "Hz"),
            LogReading(t: nil, name: "NPU volt", quantity: .voltage, value: 0.85, unit: "V"),
        ])
        #expect(log.readings.dropFirst(2).map(\.value) == [86, 84, 61])
        // hwmon: `cat …/power1_input` then its value reads as the grep line `…/power1_input:7178000`
        let hwmon = try TelemetryLogFormat.hwmon.parse(
            "root@board:~# cat /sys/class/hwmon/hwmon1/power1_input\n7178000\n")
        #expect(hwmon.readings == [LogReading(t: nil, name: "hwmon1/power1", quantity: .power, value: 7.178, unit: "W")])
        #expect(hwmon.skippedLines == 1)
    }

    /// A line that looks like the format but is damaged is still an error, with its line and column.
    @Test func damagedLinesStillFailWithLineAndColumn() throws {
        let pmic = try #require(throws: TelemetryLogError.self) {
            try TelemetryLogFormat.pmic.parse(Self.prompt + "\r\n  VDD_CORE_A current(7)=lotsA\r\n")
        }
        #expect(pmic.line == 2)
        #expect(pmic.column == 14)
        var located = pmic
        located.file = "pmic.txt"
        #expect(located.description.hasPrefix("pmic.txt:2:14: not a pmic line: expected `<RAIL>_A current(<n>)=<amps>A`"))
        let rknpu = try #require(throws: TelemetryLogError.self) {
            try TelemetryLogFormat.rknpu.parse("real\t0m0.005s\r\nNPU load:  Core0: busy,\r\n")
        }
        #expect(rknpu.line == 2)
        let nano = try Fixtures.text("tegrastats/tegrastats-jp4.6.1-nano.txt")
        let cut = try #require(throws: TelemetryLogError.self) {
            try TelemetryLogFormat.tegrastats.parse(nano.replacingOccurrences(of: "POM_5V_IN 1750/1628", with: "POM_5V_IN 17x0/1628"))
        }
        #expect(cut.line == 1)
        // the column of the damaged field
        #expect(cut.column == nano.distance(from: nano.startIndex, to: nano.range(of: "POM_5V_IN 1750")!.lowerBound) + 1)
    }

    /// Only a file in which nothing parses fails, at its first line, saying what it holds instead.
    @Test func nothingParsedNamesTheFirstLine() throws {
        let rga = try #require(throws: TelemetryLogError.self) {
            try TelemetryLogFormat.rknpu.parse(try Fixtures.text("rockchip/rkrga-load-rk3588.txt"))
        }
        #expect(rga.line == 1)
        #expect(rga.expected.contains("not a rknpu capture"))
        let empty = try #require(throws: TelemetryLogError.self) { try TelemetryLogFormat.pmic.parse("\r\n\r\n") }
        #expect(empty.expected.hasSuffix("the file is empty"))
        let other = try #require(throws: TelemetryLogError.self) {
            try TelemetryLogFormat.hwmon.parse(try Fixtures.text("tegrastats/tegrastats-jp4.6.1-nano.txt"))
        }
        #expect(other.line == 1)
        #expect(other.expected.contains("no line of this file is one"))
    }
}
