import Foundation
import Testing

/// `edgebench devices list|show|detect` on the bundled catalog.
@Suite(.serialized) struct DevicesCommandTests {
    @Test func listShowsEveryCatalogDevice() async throws {
        let result = try await CLI.run(["devices", "list"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("ID"), "\(result)")
        for id in ["rpi5-8gb", "jetson-orin-nano-super", "m5stack-module-llm"] {
            #expect(result.stdout.contains(id), "lists \(id)")
        }
        let json = try await CLI.run(["devices", "list", "--json"])
        #expect(json.status == 0)
        let devices = try #require(try json.json() as? [[String: Any]])
        #expect(result.stdout.contains("\(devices.count) devices;"), "the table counts what the JSON lists")
        let m5 = try #require(devices.first { $0["id"] as? String == "m5stack-module-llm" })
        #expect(m5["name"] as? String == "M5Stack Module LLM (AX630C)")
    }

    @Test func showOneDevice() async throws {
        let result = try await CLI.run(["devices", "show", "m5stack-module-llm", "--json"])
        #expect(result.status == 0, "\(result)")
        let device = try result.jsonObject()
        #expect(device["id"] as? String == "m5stack-module-llm")
        let text = try await CLI.run(["devices", "show", "m5stack-module-llm"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("M5Stack Module LLM"), "\(text)")
    }

    @Test func showOfAnUnknownDeviceExits2WithAHint() async throws {
        let result = try await CLI.run(["devices", "show", "rpi5"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("no device 'rpi5' in the catalog; did you mean"), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    /// An empty root: nothing identifies a board, and detect says so without failing.
    @Test func detectReadsTheGivenRoot() async throws {
        let root = Scratch.directory("root")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await CLI.run(["devices", "detect", "--root", root.path, "--json"])
        #expect(result.status == 0, "\(result)")
        let report = try result.jsonObject()
        #expect(Set(report.keys) == ["root", "identity", "match"])
        #expect(report["root"] as? String == root.path)
        let text = try await CLI.run(["devices", "detect", "--root", root.path])
        #expect(text.status == 0, "\(text)")
        #expect(!text.stdout.isEmpty)
    }
}
