import EdgeBenchTesting
import EdgeBenchCore
import Testing
@testable import EdgeBenchTelemetry

@Suite struct CPUFrequencySourceTests {
    /// Raspberry Pi 5 at full clock: cpuinfo_max_freq 2400000 kHz (board-ids/rpi5-rev1.0-model-no-powercap.txt).
    @Test func kilohertzBecomeHertzPerCPU() throws {
        let capture = try Fixtures.text("board-ids/rpi5-rev1.0-model-no-powercap.txt")
        #expect(capture.contains("\n2400000\n"))
        let tree = try FakeTree()
        for cpu in 0..<4 { try tree.cpu(cpu, kilohertz: "2400000\n") }
        try tree.cpu(2, kilohertz: "1500000\n")
        // Not CPUs: the sampler must ignore them.
        try tree.write("/sys/devices/system/cpu/cpufreq/policy0/scaling_cur_freq", "2400000\n")
        try tree.makeDirectory("/sys/devices/system/cpu/cpuidle")
        let source = CPUFrequencySource(root: tree.root)
        #expect(try source.read() == [
            Reading(channel: "cpu0", quantity: .frequency, value: 2_400_000_000),
            Reading(channel: "cpu1", quantity: .frequency, value: 2_400_000_000),
            Reading(channel: "cpu2", quantity: .frequency, value: 1_500_000_000),
            Reading(channel: "cpu3", quantity: .frequency, value: 2_400_000_000),
        ])
        #expect(source.description.id == "cpufreq")
    }

    @Test func cpusWithoutCpufreqAreNotChannels() throws {
        // The Firecracker VM: cpu0 exists, but has no cpufreq directory.
        let tree = try FakeTree()
        try tree.write("/sys/devices/system/cpu/cpu0/uevent", "")
        try tree.cpu(1, kilohertz: "729600")
        let source = CPUFrequencySource(root: tree.root)
        #expect(source.cpus.map(\.channel) == ["cpu1"])
        #expect(try source.read() == [Reading(channel: "cpu1", quantity: .frequency, value: 729_600_000)])
    }

    @Test func offlineCPUIsSkippedOthersStillRead() throws {
        let tree = try FakeTree()
        try tree.cpu(0, kilohertz: "1800000\n")
        try tree.cpu(1, kilohertz: "<unknown>\n")
        #expect(try CPUFrequencySource(root: tree.root).read() == [
            Reading(channel: "cpu0", quantity: .frequency, value: 1_800_000_000)
        ])
    }
}
