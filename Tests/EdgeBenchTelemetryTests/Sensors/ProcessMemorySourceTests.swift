import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct ProcessMemorySourceTests {
    /// VmRSS/VmHWM of llama-server (SmolLM2-135M Q4_1) after the requests, from the captured timing.txt.
    @Test func rssAndPeakFromCapturedLlamaServer() throws {
        let timing = try Fixtures.text("llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm/server-smollm2-135m-instruct-q4_1/timing.txt")
        // "after_requests_VmRSS:\t  189048 kB" → a status file's "VmRSS:\t  189048 kB"
        let status = timing.split(separator: "\n")
            .filter { $0.hasPrefix("after_requests_") }
            .map { $0.dropFirst("after_requests_".count) }
            .joined(separator: "\n")
        let tree = try FakeTree()
        try tree.write("/proc/4242/status", "Name:\tllama-server\nState:\tS (sleeping)\n" + status + "\nThreads:\t3\n")
        let source = ProcessMemorySource(pid: 4242, root: tree.root)
        #expect(try source.read() == [
            Reading(channel: "engine_rss", quantity: .memory, value: 193_585_152),  // 189048 kB × 1024
            Reading(channel: "engine_rss_peak", quantity: .memory, value: 193_585_152),
        ])
        #expect(source.description.boundary == .process)
        #expect(source.description.id == "engine")
    }

    @Test func idleRSSOf180392kB() throws {
        let timing = try Fixtures.text("llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm/server-smollm2-135m-instruct-q4_1/timing.txt")
        let status = timing.split(separator: "\n")
            .filter { $0.hasPrefix("idle_Vm") }
            .map { $0.dropFirst("idle_".count) }
            .joined(separator: "\n")
        let tree = try FakeTree()
        try tree.write("/proc/7/status", status)
        let readings = try ProcessMemorySource(pid: 7, root: tree.root).read()
        #expect(readings.map(\.value) == [184_721_408, 184_721_408])
    }

    @Test func exitedProcessThrowsAClearError() throws {
        let tree = try FakeTree()
        try tree.makeDirectory("/proc")
        let path = tree.path("/proc/999999/status")
        #expect(throws: TelemetryError.processExited(pid: 999_999, path: path)) {
            try ProcessMemorySource(pid: 999_999, root: tree.root).read()
        }
        #expect(TelemetryError.processExited(pid: 999_999, path: path).description
            == "engine process 999999 has exited (\(path) is gone); its memory can no longer be read, so the sampler records a gap")
    }

    @Test func zombieCountsAsExited() throws {
        let tree = try FakeTree()
        try tree.write("/proc/55/status", "Name:\tllama-server\nState:\tZ (zombie)\nTgid:\t55\nThreads:\t1\n")
        #expect(throws: TelemetryError.processExited(pid: 55, path: tree.path("/proc/55/status"))) {
            try ProcessMemorySource(pid: 55, root: tree.root).read()
        }
    }

    @Test func ownProcessHasPlausibleRSS() throws {
        let readings = try ProcessMemorySource(pid: getpid()).read()
        let rss = try #require(readings.first { $0.channel == "engine_rss" })
        let peak = try #require(readings.first { $0.channel == "engine_rss_peak" })
        #expect(rss.value > 1_048_576)
        #expect(peak.value >= rss.value)
    }
}
