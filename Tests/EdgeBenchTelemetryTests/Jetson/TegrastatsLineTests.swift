import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

/// Edge cases no capture in fixtures/ shows: sentinels, NC rails, prompts, damage, --interval.
@Suite struct JetsonTegrastatsLineTests {
    static let orinNanoLine = "04-27-2026 14:59:41 RAM 775/7620MB (lfb 3x4MB) SWAP 0/3810MB (cached 0MB) "
        + "CPU [1%@729,0%@729,0%@729,0%@729,0%@729,0%@729] GR3D_FREQ 0% cpu@48.468C soc2@47.531C soc0@48.062C "
        + "gpu@48.562C tj@49.156C soc1@49.156C VDD_IN 4761mW/4778mW VDD_CPU_GPU_CV 515mW/501mW VDD_SOC 1428mW/1428mW "

    /// tegrastats prints -256C for a zone without a sensor: no reading, never a value.
    @Test func minus256IsNoSensor() throws {
        let line = try #require(try TegrastatsLine.parse(
            "RAM 1/2MB CPU [1%@100] PLL@-256C CPU@42.5C GPU@-256.0C VDD_IN 100/100", lineNumber: 1))
        let temperatures = line.readings.filter { $0.quantity == .temperature }
        #expect(temperatures == [LogReading(t: nil, name: "CPU", quantity: .temperature, value: 42.5, unit: "C")])
    }

    /// A rail marked NC (not connected) has no reading, neither alone nor as one of the values.
    @Test func notConnectedRailsHaveNoReading() throws {
        let line = try #require(try TegrastatsLine.parse(
            "RAM 1/2MB VDD_IN 4783mW/4783mW VDD_NC NC VDD_X NC/NC VDD_SOC 650mW/711mW", lineNumber: 1))
        #expect(line.readings.filter { $0.quantity == .power }.map(\.name) == ["VDD_IN", "VDD_SOC"])
    }

    @Test func sudoPromptAndShellLinesAreSkipped() throws {
        let text = """
            nvidia@orin:~$ sudo tegrastats --interval 500
            [sudo] password for nvidia: RAM 2345/7772MB (lfb 1x4MB) CPU [12%@1190,off] GR3D_FREQ 99% VDD_IN 4783mW/4783mW

            RAM 2345/7772MB (lfb 1x4MB) CPU [13%@1190,off] GR3D_FREQ 98% VDD_IN 5000mW/4890mW
            ^C
            nvidia@orin:~$ echo done
            """
        let log = try TegrastatsLog.parse(text)
        // --interval 500 on the command line: lines are 0.5 s apart
        #expect(log.lineTimes == [0, 0.5])
        #expect(log.values("VDD_IN", .power) == [4.783, 5])
        #expect(log.values("GR3D", .utilisation) == [99, 98])
        #expect(log.first("RAM", .memory) == 2345 * mebibyte)
        #expect(log.values("CPU1", .utilisation).isEmpty)
    }

    @Test func intervalWithEqualsSign() {
        #expect(TegrastatsLog.intervalSeconds(in: "tegrastats --interval=250 --logfile x") == 0.25)
        #expect(TegrastatsLog.intervalSeconds(in: "RAM 1/2MB") == nil)
    }

    @Test func damagedLineNamesItsLineNumber() throws {
        let text = Self.orinNanoLine + "\n" + Self.orinNanoLine.replacingOccurrences(of: "VDD_IN 4761mW", with: "VDD_IN 47x1mW")
        let line = Self.orinNanoLine
        #expect(throws: TelemetryLogError(
            format: "tegrastats", line: 2,
            // the column of the damaged rail
            column: line.distance(from: line.startIndex, to: line.range(of: "VDD_IN 4761mW")!.lowerBound) + 1,
            text: Self.orinNanoLine.replacingOccurrences(of: "VDD_IN 4761mW", with: "VDD_IN 47x1mW"),
            expected: "\"VDD_IN <mW>/<mW>\" (current/average, JetPack 4 without unit, later with mW)"
        )) { try TegrastatsLog.parse(text) }
    }

    @Test(arguments: [
        "RAM 775/7620 SWAP 0/3810MB GR3D_FREQ 0%",           // RAM without MB
        "RAM 775/7620MB CPU [1%@729,0%@] GR3D_FREQ 0%",        // cut CPU entry
        "RAM 775/7620MB CPU [1%@729,0%@729",                  // CPU list cut off
        "RAM 775/7620MB GR3D_FREQ %@76",                      // load missing
        "RAM 775/7620MB GR3D_FREQ 0%@[305,",                  // GPC list cut off
        "RAM 775/7620MB tj@4x.5C",                            // garbled temperature
        "7620MB (lfb 3x4MB) CPU [1%@729] GR3D_FREQ 0% VDD_IN 4761mW/4778mW",  // cut at the front
        "RAM 775/7620MB GR3D_FREQ 0% VDD_IN 4761mW/4778mW VDD_SOC 14",        // cut inside a rail
        "RAM 775/7620MB GR3D_FREQ 0% VDD_IN 4761mW/4778mW VDD_SOC",           // cut after a rail's name
        "RAM 775/7620MB GR3D_FREQ 0% VDD_IN 4761mW/4778mW VDD_SOC 1428mW/",   // cut after the slash
        "RAM 775/7620MB GR3D_FREQ 0% VDD_IN 4761mRAM 775/7620MB GR3D_FREQ 0%", // cut, then the next record
        "RAM 775/7620MB VDD_IN 4761mW/4778mW RAM 776/7620MB VDD_IN 4761mW/4778mW", // newline lost
    ])
    func damagedLinesThrow(line: String) {
        #expect(throws: TelemetryLogError.self) { try TegrastatsLine.parse(line, lineNumber: 7) }
        do {
            _ = try TegrastatsLine.parse(line, lineNumber: 7)
        } catch {
            #expect(error.line == 7)
            #expect(error.description.hasPrefix("line 7, column "))
        }
    }

    @Test func linesThatAreNotTegrastatsAreNil() throws {
        #expect(try TegrastatsLine.parse("", lineNumber: 1) == nil)
        #expect(try TegrastatsLine.parse("root@tegra-ubuntu:~# tegrastats", lineNumber: 1) == nil)
        #expect(try TegrastatsLine.parse("$ tegrastats | grep VDD_IN", lineNumber: 1) == nil)
    }

    /// AGX Xavier on JetPack 4 names its rails GPU, CPU, SOC…: "CPU 311/311" is a rail, not the core list.
    @Test func agxXavierRailNamedCPU() throws {
        let log = try TegrastatsLog.parse(
            "RAM 1/2MB CPU [5%@1190,off] EMC_FREQ 0% GR3D_FREQ 0% GPU 0/0 CPU 311/311 SOC 1242/1242 CV 0/0 VDDRQ 155/155 SYS5V 1630/1630")
        #expect(log.first("CPU", .power) == 0.311)
        #expect(log.first("CPU0", .utilisation) == 5)
        #expect(log.powerChannel == "sum of rails")
        #expect(isMilliwatt(log.first("sum of rails", .power), 3.338))
    }

    /// Fields of future tegrastats versions are skipped, not mistaken for damage.
    @Test func unknownFieldsAreSkipped() throws {
        let line = try #require(try TegrastatsLine.parse(
            "RAM 1/2MB NEWTHING 3/4kB (weird stuff) NVENC0 off VIC 12%@115 VDD_IN 1000mW/1000mW", lineNumber: 1))
        #expect(line.readings.map(\.name) == ["RAM", "RAM_TOTAL", "VIC", "VIC_FREQ", "VDD_IN"])
    }

    @Test func liveReadingsUseCoreUnits() throws {
        let line = try #require(try TegrastatsLine.parse(
            "RAM 2/4MB CPU [50%@1000] GR3D_FREQ 99%@[1300] tj@49.5C VDD_IN 4783mW/4783mW", lineNumber: 1))
        #expect(line.liveReadings == [
            Reading(channel: "RAM", quantity: .memory, value: 2 * mebibyte),
            Reading(channel: "RAM_TOTAL", quantity: .memory, value: 4 * mebibyte),
            Reading(channel: "CPU0", quantity: .utilisation, value: 0.5),
            Reading(channel: "CPU0_FREQ", quantity: .frequency, value: 1e9),
            Reading(channel: "GR3D", quantity: .utilisation, value: 0.99),
            Reading(channel: "GR3D_FREQ", quantity: .frequency, value: 1.3e9),
            Reading(channel: "tj", quantity: .temperature, value: 49.5),
            Reading(channel: "VDD_IN", quantity: .power, value: 4.783),
        ])
    }

    @Test func timestampIsReadAsUTC() {
        #expect(TegrastatsTimestamp.seconds(date: "01-01-1970", time: "00:00:01") == 1)
        #expect(TegrastatsTimestamp.seconds(date: "02-29-2024", time: "23:59:59") == 1_709_251_199)
        #expect(TegrastatsTimestamp.seconds(date: "13-01-2024", time: "00:00:00") == nil)
        #expect(TegrastatsTimestamp.seconds(date: "[sudo]", time: "password") == nil)
    }
}
