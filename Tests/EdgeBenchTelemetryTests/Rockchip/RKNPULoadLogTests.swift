import EdgeBenchTesting
import Testing
@testable import EdgeBenchTelemetry

@Suite struct RKNPULoadLogTests {
    @Test func highLoadBehindSudoCat() throws {
        let log = try RKNPULoadLog.parse(try Fixtures.text("rockchip/rknpu-load-rk3588-high.txt"))
        #expect(log.source == .init(format: "rknpu", boundary: .system))
        #expect(log.readings == [
            LogReading(t: nil, name: "NPU core0", quantity: .utilisation, value: 86, unit: "%"),
            LogReading(t: nil, name: "NPU core1", quantity: .utilisation, value: 84, unit: "%"),
            LogReading(t: nil, name: "NPU core2", quantity: .utilisation, value: 61, unit: "%"),
        ])
        #expect(log.powerChannel == nil)
    }

    /// Double spaces before single digits, trailing comma; an idle core is a real 0 %.
    @Test func lowLoadPadded() throws {
        let log = try RKNPULoadLog.parse(try Fixtures.text("rockchip/rknpu-load-rk3588-low.txt"))
        #expect(log.readings.map(\.value) == [21, 11, 0])
    }

    @Test func markdownBackticks() throws {
        let log = try RKNPULoadLog.parse(try Fixtures.text("rockchip/rknpu-load-rk3588-orangepi5-backticks.txt"))
        #expect(log.readings.map(\.name) == ["NPU core0", "NPU core1", "NPU core2"])
        #expect(log.readings.map(\.value) == [63, 65, 64])
    }

    @Test func singleCoreAndLoops() throws {
        let log = try RKNPULoadLog.parse("NPU load:  35%\nNPU load:   0%\n")
        #expect(log.readings.map(\.name) == ["NPU", "NPU"])
        #expect(log.readings.map(\.value) == [35, 0])
    }

    /// The driver's overflow: 4294967% (or any figure above 100 %) is dropped for that core only.
    @Test func overflowIsNotBelieved() throws {
        let log = try RKNPULoadLog.parse("NPU load:  Core0: 4294967%, Core1: 100%, Core2: 101%,\n")
        #expect(log.readings.map(\.name) == ["NPU core1"])
        #expect(log.readings.map(\.value) == [100])
    }

    /// The RGA's load file (`cat …/rkrga/load`) is not the NPU's: refused at its first line.
    @Test func otherFilesAreRefused() throws {
        let error = try #require(throws: TelemetryLogError.self) {
            try RKNPULoadLog.parse(try Fixtures.text("rockchip/rkrga-load-rk3588.txt"))
        }
        #expect(error.line == 1)
        #expect(error.text == "# cat /sys/kernel/debug/rkrga/load")
        #expect(error.format == "rknpu")
        #expect(throws: TelemetryLogError.self) { try RKNPULoadLog.parse("NPU load:  Core0: busy,") }
    }
}
