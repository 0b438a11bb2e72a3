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

    /// Issue 13.11 and 13.3 through the binary: a Windows copy of a capture with a prompt reads, and says
    /// what it skipped; a damaged line names FILE:LINE:COL; an impossible sample is not integrated across.
    @Test func noisyCRLFCaptureAndImpossibleSample() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telemetry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pmic = try String(contentsOfFile: try CLIFixtures.path("rpi/vcgencmd-pmic_read_adc-rpi5-full.txt"), encoding: .utf8)
        let noisy = directory.appendingPathComponent("pmic.txt")
        try ("pi@pi5:~ $ vcgencmd pmic_read_adc\n" + pmic + "real\t0m0.005s\n")
            .replacingOccurrences(of: "\n", with: "\r\n").write(to: noisy, atomically: true, encoding: .utf8)
        let parsed = try await CLI.run(["telemetry", "parse", "--format", "pmic", noisy.path, "--json"])
        #expect(parsed.status == 0, "\(parsed)")
        let log = try parsed.jsonObject()
        #expect(log["power_channel"] as? String == "pmic_estimate")
        #expect(log["skipped_lines"] as? Int == 3)

        let damaged = directory.appendingPathComponent("damaged.txt")
        try ("pi@pi5:~ $ vcgencmd pmic_read_adc\r\n VDD_CORE_A current(7)=lotsA\r\n").write(to: damaged, atomically: true, encoding: .utf8)
        let refused = try await CLI.run(["telemetry", "parse", "--format", "pmic", damaged.path])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.hasPrefix("error: \(damaged.path):2:13: not a pmic line"), "\(refused)")
        #expect(refused.stdout.isEmpty)

        var lines = try String(contentsOfFile: try CLIFixtures.path(Self.nanoLog), encoding: .utf8).components(separatedBy: "\n")
        lines[49] = lines[49].replacingOccurrences(
            of: #"POM_5V_IN \d+/"#, with: "POM_5V_IN 885000000/", options: .regularExpression)
        let corrupt = directory.appendingPathComponent("nano.log")
        try lines.joined(separator: "\n").write(to: corrupt, atomically: true, encoding: .utf8)
        let whole = try await CLI.run(["energy", "--format", "tegrastats", corrupt.path])
        #expect(whole.status == 2, "\(whole)")
        #expect(whole.stderr.contains("1 impossible POM_5V_IN reading(s) (first at 49.0 s: 885000 W is above 600 W"), "\(whole)")
        #expect(whole.stderr.contains("pick --from and --to outside [48.0, 50.0] s"), "\(whole)")
        let beside = try await CLI.run(["energy", "--format", "tegrastats", corrupt.path, "--from", "10", "--to", "40", "--json"])
        #expect(beside.status == 0, "\(beside)")
        #expect((try beside.jsonObject())["samples"] as? Int == 31)
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
