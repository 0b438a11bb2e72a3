import EdgeBenchCore
import Foundation
import Testing
@testable import EdgeBenchTelemetry

@Suite struct NvidiaSMISourceTests {
    /// Polls `read()` until `accept` holds. The limit only turns a stand-in that never prints into a
    /// failure instead of a hang (two seconds was a speed assertion on a loaded machine).
    private func read(_ source: NvidiaSMISource, until accept: ([Reading]) -> Bool) throws -> [Reading] {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let readings = try source.read()
            if accept(readings) { return readings }
            usleep(10_000)
        }
        Issue.record("no accepted reading in time")
        return []
    }

    @Test func keepsOneProcessAndReturnsTheLatestLine() throws {
        let tree = try FakeTree()
        try tree.write("/bin/nvidia-smi", """
            #!/bin/sh
            echo "$@" >> \(tree.path("/calls"))
            echo "45.20, 51, 17, 1234, 1410"
            sleep 0.1
            echo "[N/A], 52, 99, 2048, 1410"
            exec sleep 30

            """, executable: true)
        let source = NvidiaSMISource(executable: tree.path("/bin/nvidia-smi"), intervalMilliseconds: 50, gpu: 0)
        defer { source.stop() }
        #expect(source.description.boundary == .gpuBoard)
        let readings = try read(source) { $0.first?.channel == "temperature.gpu" }
        // power.draw is [N/A] in the latest line: left out, not zero
        #expect(readings == [
            Reading(channel: "temperature.gpu", quantity: .temperature, value: 52),
            Reading(channel: "utilization.gpu", quantity: .utilisation, value: 0.99),
            Reading(channel: "memory.used", quantity: .memory, value: 2048 * 1_048_576),
            Reading(channel: "clocks.sm", quantity: .frequency, value: 1_410_000_000),
        ])
        // nothing new since: no repeated sample
        #expect(try source.read() == [])
        let calls = try String(contentsOfFile: tree.path("/calls"), encoding: .utf8)
        #expect(calls == "--query-gpu=power.draw,temperature.gpu,utilization.gpu,memory.used,clocks.sm --format=csv,noheader,nounits -lms 50 -i 0\n")
    }

    @Test func firstLineIsReadInSI() throws {
        let tree = try FakeTree()
        try tree.write("/bin/nvidia-smi", "#!/bin/sh\necho '45.20, 51, 17, 1234, 1410'\nexec sleep 30\n", executable: true)
        let source = NvidiaSMISource(executable: tree.path("/bin/nvidia-smi"))
        defer { source.stop() }
        let readings = try read(source) { !$0.isEmpty }
        #expect(readings.first == Reading(channel: "power.draw", quantity: .power, value: 45.2))
        #expect(readings.count == 5)
    }

    @Test func exitIsReportedWithItsMessage() throws {
        let tree = try FakeTree()
        try tree.write("/bin/nvidia-smi", """
            #!/bin/sh
            echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
            exit 9

            """, executable: true)
        let source = NvidiaSMISource(executable: tree.path("/bin/nvidia-smi"))
        defer { source.stop() }
        let deadline = Date().addingTimeInterval(120)
        var caught: ExternalCommandError?
        while Date() < deadline {
            do { _ = try source.read() } catch let error as ExternalCommandError {
                if case .exited = error { caught = error; break }
            } catch {}
            usleep(10_000)
        }
        let error = try #require(caught)
        #expect(error.description.contains("exited with status 9"))
        #expect(error.description.contains("couldn't communicate with the NVIDIA driver"))
    }

    @Test func missingNvidiaSMISaysSo() throws {
        let tree = try FakeTree()
        let source = NvidiaSMISource(executable: tree.path("/bin/nvidia-smi"))
        let error = try #require(throws: ExternalCommandError.self) { try source.read() }
        #expect(error == .notFound(executable: tree.path("/bin/nvidia-smi"), hint: NvidiaSMISource.installHint))
        #expect(error.description.contains("tegrastats"))
    }
}
