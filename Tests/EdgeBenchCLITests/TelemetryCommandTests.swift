import EdgeBenchTesting
import Foundation
import Testing

/// `edgebench sensors`, `telemetry parse` and `energy`, their JSON validated against `schema/`.
@Suite(.serialized) struct TelemetryCommandTests {
    static let nanoLog = "tegrastats/tegrastats-jp4-nano-4gb.log"

    @Test func sensorsListsThisMachine() async throws {
        let result = try await CLI.run(["sensors"])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.isEmpty)
        let json = try await CLI.run(["sensors", "--json", "--root", "/nonexistent-root"])
        #expect(json.status == 0, "\(json)")
        _ = try json.jsonObject()
    }

    @Test func parseTegrastatsAsSchemaValidJSON() async throws {
        let result = try await CLI.run(["telemetry", "parse", "--format", "tegrastats", try CLIFixtures.path(Self.nanoLog), "--json"])
        #expect(result.status == 0, "\(result)")
        let validation = try BundleSchemaValidator.validate(result.stdoutData, schema: "telemetry-log")
        #expect(validation.valid, "\(validation.output)")
        let log = try result.jsonObject()
        #expect(log["power_channel"] as? String == "POM_5V_IN")
        let source = try #require(log["source"] as? [String: Any])
        #expect(source["format"] as? String == "tegrastats")
        #expect(source["boundary"] as? String == "module_input")
        let readings = try #require(log["readings"] as? [[String: Any]])
        #expect(readings.filter { $0["name"] as? String == "POM_5V_IN" }.count == 114)
    }

    @Test func parseSummarisesEveryChannel() async throws {
        let result = try await CLI.run(["telemetry", "parse", "--format", "tegrastats", try CLIFixtures.path(Self.nanoLog)])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("tegrastats: boundary module_input"), "\(result)")
        #expect(result.stdout.contains("power channel: POM_5V_IN"), "\(result)")
        #expect(result.stdout.contains("POM_5V_IN power: n=114"), "\(result)")
    }

    @Test func parseOfTheWrongFormatExits2() async throws {
        let result = try await CLI.run(["telemetry", "parse", "--format", "shelly", try CLIFixtures.path(Self.nanoLog)])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.hasPrefix("error: "), "\(result)")
        #expect(result.stdout.isEmpty)
        let missing = try await CLI.run(["telemetry", "parse", "--format", "tegrastats", "/nonexistent.log"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("cannot read /nonexistent.log"), "\(missing)")
    }

    /// The hand computation of LogEnergyTests, through the binary.
    @Test func energyOverAWindowAsSchemaValidJSON() async throws {
        let result = try await CLI.run(
            ["energy", "--format", "tegrastats", try CLIFixtures.path(Self.nanoLog), "--from", "10", "--to", "70", "--json"])
        #expect(result.status == 0, "\(result)")
        let validation = try BundleSchemaValidator.validate(result.stdoutData, schema: "energy")
        #expect(validation.valid, "\(validation.output)")
        let energy = try result.jsonObject()
        #expect(abs((energy["energy"] as? Double ?? 0) - 266.0915) < 1e-6, "\(energy)")
        #expect(energy["peak_power"] as? Double == 5.206)
        #expect(energy["samples"] as? Int == 61)
        #expect(energy["rail"] as? String == "POM_5V_IN")
        #expect(energy["window"] as? [Double] == [10, 70])
    }

    @Test func energyAsText() async throws {
        let result = try await CLI.run(["energy", "--format", "tegrastats", try CLIFixtures.path(Self.nanoLog)])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("energy: 504.521 J over [0, 113] s"), "\(result)")
        #expect(result.stdout.contains("rail: POM_5V_IN (module_input)"), "\(result)")
    }

    @Test func energyOutsideTheLogExits2() async throws {
        let result = try await CLI.run(
            ["energy", "--format", "tegrastats", try CLIFixtures.path(Self.nanoLog), "--from", "100", "--to", "200"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.hasPrefix("error: "), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    /// A short recording of this machine: /proc alone gives memory and CPU readings.
    @Test func recordThisMachine() async throws {
        let directory = Scratch.directory("record")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["telemetry", "record", "--rate", "10", "--duration", "0.3", "--out", "samples.jsonl", "--json"], in: directory)
        #expect(result.status == 0, "\(result)")
        let outcome = try result.jsonObject()
        #expect(outcome["rate"] as? Double == 10, "the requested rate: \(outcome)")
        let samples = try #require(outcome["samples"] as? Int)
        let lines = try String(contentsOf: directory.appendingPathComponent("samples.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == samples, "one JSON line per sample")
    }

    @Test func recordWithNothingToSampleExits2() async throws {
        let root = Scratch.directory("empty-root")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try await CLI.run(["telemetry", "record", "--root", root.path, "--duration", "0.2"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("nothing to sample under \(root.path)"), "\(result)")
        #expect(result.stdout.isEmpty)
    }
}
