import EdgeBenchTesting
import Foundation
import Testing

/// Issue 13, items 5, 12 and 13 as a user meets them: `edgebench run` against misbehaving scripted servers.
@Suite(.serialized) struct RunFailureModeTests {
    static let key = "sk-cli-4e5d6c7b8a9f0e1d2c3b"

    /// Every file of the run directory and the database, as bytes: the key must be in none of them.
    private static func filesContaining(_ text: String, under directory: URL) -> [String] {
        let needle = Data(text.utf8)
        let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var found: [String] = []
        while let url = walker?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url), data.range(of: needle) != nil { found.append(url.lastPathComponent) }
        }
        return found
    }

    @Test func aServerThatEchoesTheKeyLeavesItInNoOutput() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a"], failure: .echoAuthorization(status: 401)))
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "openai", "--url", server.baseURL + "/v1", "--model", "scripted-model", "--runs", "1",
             "--warmup", "0", "--max-tokens", "1", "--api-key-env", "EB_TEST_KEY", "--output", "out"],
            in: directory, environment: ["EB_TEST_KEY": Self.key])
        let sent = await server.requests().last?.headers["authorization"]
        await server.stop()
        #expect(sent == "Bearer \(Self.key)")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("answered HTTP 401"), "\(result)")
        #expect(result.stderr.contains("Bearer [redacted]"), "\(result)")
        #expect(!result.stderr.contains(Self.key) && !result.stdout.contains(Self.key))
        let output = directory.appendingPathComponent("out")
        let written = (FileManager.default.enumerator(atPath: output.path)?.allObjects as? [String]) ?? []
        // The outputs the issue names exist, so "not in them" means something.
        for name in ["results.md", "bundle.json", "report.html", "edgebench.sqlite"] {
            #expect(written.contains { $0.hasSuffix(name) }, "\(name) in \(written)")
        }
        #expect(Self.filesContaining(Self.key, under: output) == [])
        #expect(Self.filesContaining("Bearer [redacted]", under: output).contains { $0.hasSuffix("results.md") })
    }

    /// Issue 13.13: a disk that fills during a run. The database write that fails is named, with what to
    /// check and how to continue (it blamed "engine 'openai'"); the results written are whole, and no
    /// temporary file is left behind (`.bundle.json.*.tmp` was).
    @Test func aFullDiskNamesTheStoreLeavesNoTemporaryFileAndSaysHowToResume() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: Array(repeating: "token ", count: 32)))
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        // 400 KiB: the new database and its first requests fit, 500 measured requests with their replies do not
        let result = try await CLI.run(
            ["run", "--engine", "openai", "--url", server.baseURL + "/v1", "--model", "scripted-model", "--runs", "500",
             "--warmup", "0", "--max-tokens", "32", "--output", "out"],
            in: directory, fileSizeLimit: 400)
        await server.stop()
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("could not store "), "\(result)")
        #expect(result.stderr.contains(
            "check that the database's disk has space and is writable, then continue with --resume"), "\(result)")
        #expect(!result.stderr.contains("engine 'openai'"), "\(result)")
        let written = (FileManager.default.enumerator(atPath: directory.appendingPathComponent("out").path)?.allObjects as? [String]) ?? []
        #expect(written.filter { $0.hasSuffix(".tmp") || $0.contains(".tmp.") || $0.contains("/.bundle.json") } == [], "\(written)")
        let bundle = try #require(written.first { $0.hasSuffix("/bundle.json") })
        let stored = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("out").appendingPathComponent(bundle))) as? [String: Any]
        let configuration = (stored?["configurations"] as? [[String: Any]])?.first
        #expect(configuration?["status"] as? String == "failed")
    }

    @Test func anUnsetKeyVariableIsWarnedAbout() async throws {
        let server = try await ScriptedLLMServer.start(script: Script(tokens: ["a"]))
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "openai", "--url", server.baseURL + "/v1", "--model", "scripted-model", "--runs", "1",
             "--warmup", "0", "--max-tokens", "1", "--api-key-env", "EB_TEST_UNSET_KEY"],
            in: directory)
        await server.stop()
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains(
            "warning: the API key variable EB_TEST_UNSET_KEY (--api-key-env / api_key_env) is not set or empty in this environment"),
            "\(result)")
    }

    @Test func aURLWithoutASchemeIsAUsageError() async throws {
        let result = try await CLI.run(["run", "--engine", "openai", "--url", "127.0.0.1:8080/v1", "--model", "m"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains(
            "--url must be an http:// or https:// URL, got \"127.0.0.1:8080/v1\" (no scheme): write http://127.0.0.1:8080/v1"),
            "\(result)")
    }

    /// The flag is honoured by the run (a trickling server is cut off at it) and named in the failure.
    @Test func requestTimeoutEndsATricklingServer() async throws {
        let server = try await ScriptedLLMServer.start(
            script: Script(tokens: ["a", "b"], failure: .trickleAfter(1, every: .seconds(1), bytes: 30)))
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "llamacpp", "--url", server.baseURL, "--api", "completion", "--runs", "1", "--warmup", "0",
             "--max-tokens", "2", "--request-timeout", "2"], in: directory)
        await server.stop()
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("the request did not finish within 2 s (request timeout, streamed body included)"), "\(result)")
    }

    @Test(arguments: [
        (["--request-timeout", "0"], "--request-timeout must be a number of seconds between 0.001 and 1000000, got 0.0"),
        (["--idle-timeout", "nan"], "--idle-timeout must be a number of seconds between 0.001 and 1000000, got nan"),
        (["--max-line-bytes", "10"], "--max-line-bytes must be between 1024 and 1073741824 (1 GiB), got 10"),
    ])
    func limitFlagsOutOfRangeAreUsageErrors(flags: [String], message: String) async throws {
        let result = try await CLI.run(["run", "--engine", "openai", "--url", "http://127.0.0.1:9/v1"] + flags)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
    }
}
