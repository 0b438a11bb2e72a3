import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

@Suite struct MemorySourceTests {
    // The head of /proc/meminfo on the project's 2-vCPU dev VM.
    static let meminfo = """
        MemTotal:       24683656 kB
        MemFree:        21764616 kB
        MemAvailable:   23749644 kB
        Buffers:           24520 kB
        Cached:          2062292 kB
        HugePages_Total:       0

        """

    @Test func availableAndUsedInBytes() throws {
        let tree = try FakeTree()
        try tree.write("/proc/meminfo", Self.meminfo)
        let source = MemorySource(root: tree.root)
        #expect(try source.read() == [
            Reading(channel: "mem_available", quantity: .memory, value: 24_319_635_456),  // 23749644 × 1024
            Reading(channel: "mem_used", quantity: .memory, value: 956_428_288),  // (24683656 − 23749644) × 1024
        ])
        #expect(source.description.id == "memory")
    }

    @Test func oldKernelWithoutMemAvailableSaysSo() throws {
        let tree = try FakeTree()
        try tree.write("/proc/meminfo", "MemTotal:        3964000 kB\nMemFree:          100000 kB")
        let path = tree.path("/proc/meminfo")
        #expect(throws: TelemetryError.missingField(path: path, field: "MemAvailable")) {
            try MemorySource(root: tree.root).read()
        }
        #expect(TelemetryError.missingField(path: path, field: "MemAvailable").description
            == "\(path) has no MemAvailable line; this kernel does not report it, so the channel is unavailable")
    }

    @Test func malformedLineIsQuoted() throws {
        let tree = try FakeTree()
        try tree.write("/proc/meminfo", "MemTotal: lots kB\nMemAvailable: 1 kB\n")
        let path = tree.path("/proc/meminfo")
        #expect(throws: TelemetryError.malformed(path: path, text: "MemTotal: lots kB", expected: "\"MemTotal: <integer> kB\"")) {
            try MemorySource(root: tree.root).read()
        }
    }

    @Test func realProcMeminfoIsPlausible() throws {
        let readings = try MemorySource().read()
        let available = try #require(readings.first { $0.channel == "mem_available" })
        let used = try #require(readings.first { $0.channel == "mem_used" })
        #expect(available.value > 16 * 1_048_576)
        #expect(used.value > 0)
    }
}
