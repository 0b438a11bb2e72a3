import EdgeBenchTesting
import Foundation
import Testing

/// `edgebench run` against the scripted servers of EdgeBenchTesting: no model, no engine build.
@Suite(.serialized) struct RunCommandTests {
    static let script = Script(tokens: ["Edge", " devices", " keep", " data"], promptTokens: 8)

    /// `run --json`: only the bundle on stdout (valid against schema/bundle.schema.json), progress and
    /// where the results went on stderr, files written, exit 0.
    @Test func llamaCppOneOffRunPrintsOnlyTheBundleWithJSON() async throws {
        let server = try await ScriptedLLMServer.start(script: Self.script)
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "llamacpp", "--url", server.baseURL, "--runs", "2", "--warmup", "1", "--max-tokens", "4",
             "--json"], in: directory)
        let requests = await server.requests()
        await server.stop()
        #expect(result.status == 0, "\(result)")

        let validation = try BundleSchemaValidator.validate(result.stdoutData)
        #expect(validation.valid, "\(validation.output)")
        let bundle = try result.jsonObject()
        let configurations = try #require(bundle["configurations"] as? [[String: Any]])
        #expect(configurations.count == 1)
        let configuration = try #require(configurations.first)
        #expect(configuration["id"] as? String == "llamacpp/default/chat-4")
        #expect(configuration["status"] as? String == "completed")
        let measured = try #require(configuration["requests"] as? [[String: Any]])
        #expect(measured.count == 2)
        let summary = try #require(configuration["summary"] as? [String: Any])
        let nOut = try #require(summary["n_out"] as? [String: Any])
        #expect(nOut["mean"] as? Double == 4)
        #expect(nOut["n"] as? Int == 2)
        // llama-server applies the chat template on its OpenAI-compatible route.
        #expect(requests.filter { $0.path == "/v1/chat/completions" }.count == 3, "1 warm-up and 2 measured requests")

        #expect(result.stderr.contains("results: "), "\(result)")
        #expect(result.stderr.contains("database: "), "\(result)")
        let runDirectory = try #require(
            result.stderr.split(separator: "\n").first { $0.hasPrefix("results: ") }.map { String($0.dropFirst(9)) })
        for file in ["bundle.json", "results.md", "run.json"] {
            #expect(
                FileManager.default.fileExists(atPath: runDirectory + "/" + file), "\(file) in \(runDirectory)")
        }
        #expect(FileManager.default.fileExists(atPath: directory.path + "/edgebench-results/edgebench.sqlite"))
    }

    /// Without --json the table goes to stdout, never a progress line.
    @Test func openAIOneOffRunPrintsTheTable() async throws {
        let server = try await ScriptedLLMServer.start(script: Self.script)
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "openai", "--url", server.baseURL + "/v1", "--model", "scripted-model", "--api",
             "completion", "--runs", "2", "--warmup", "0", "--max-tokens", "4"], in: directory)
        let requests = await server.requests()
        await server.stop()
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("openai/scripted-model/completion-4"), "\(result)")
        #expect(!result.stdout.contains("results: "), "where results went is stderr's")
        #expect(result.stderr.contains("results: "), "\(result)")
        #expect(requests.filter { $0.path == "/v1/completions" }.count == 2)
    }

    @Test func ollamaOneOffRun() async throws {
        let server = try await ScriptedOllamaServer.start(script: Self.script)
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "ollama", "--url", server.baseURL, "--model", "qwen2.5:0.5b", "--runs", "2",
             "--warmup", "0", "--max-tokens", "4", "--json"], in: directory)
        let requests = await server.requests()
        await server.stop()
        #expect(result.status == 0, "\(result)")
        let bundle = try result.jsonObject()
        let configuration = try #require((bundle["configurations"] as? [[String: Any]])?.first)
        #expect(configuration["id"] as? String == "ollama/qwen2.5:0.5b/chat-4")
        #expect(configuration["status"] as? String == "completed")
        #expect((configuration["requests"] as? [Any])?.count == 2)
        #expect(requests.filter { $0.path == "/api/chat" }.count >= 2)
    }

    /// `--device` gives a one-off run its board: stored with the configuration and in run.json (so
    /// --resume keeps it), and analyze derives the size figures from it.
    @Test func oneOffRunOnACatalogDevice() async throws {
        let server = try await ScriptedOllamaServer.start(script: Self.script)
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "ollama", "--url", server.baseURL, "--model", "qwen2.5:0.5b", "--runs", "2",
             "--warmup", "0", "--max-tokens", "4", "--device", "jetson-orin-nano-super", "--json"], in: directory)
        await server.stop()
        #expect(result.status == 0, "\(result)")
        let configuration = try #require((try result.jsonObject()["configurations"] as? [[String: Any]])?.first)
        let device = try #require(configuration["device"] as? [String: Any])
        #expect(device["id"] as? String == "jetson-orin-nano-super")
        let runDirectory = try StoredRuns.runDirectory(result)
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runDirectory + "/run.json")))
                as? [String: Any])
        let devices = try #require(manifest["devices"] as? [String: [String: Any]], "\(manifest)")
        #expect(devices["ollama/qwen2.5:0.5b/chat-4"]?["id"] as? String == "jetson-orin-nano-super")

        let analysis = try await CLI.run(["analyze", runDirectory, "--json"], in: directory)
        let metrics = try #require((try analysis.jsonObject()["configurations"] as? [[String: Any]])?.first?["metrics"]
            as? [String: Any])
        // 100 × 79 × 21 mm
        #expect(abs((metrics["volume"] as? Double ?? 0) - 1.659e-4) < 1e-12, "\(metrics)")
        let throughput = try #require(metrics["e2e_throughput"] as? Double)
        #expect(abs((metrics["throughput_density"] as? Double ?? 0) - throughput / 1.659e-4) < 1e-6 * throughput / 1.659e-4)
    }

    @Test func aNearMissDeviceIdIsRefusedWithTheClosestId() async throws {
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "ollama", "--url", "http://127.0.0.1:9", "--device", "jetson-orin-nano"], in: directory)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains(
            "--device jetson-orin-nano: not a catalog id; did you mean 'jetson-orin-nano-super'? Known: rpi5-4gb, rpi5-8gb, "),
                "\(result)")
        #expect(result.stderr.contains("(`edgebench devices list` prints the catalog)"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/edgebench-results"), "nothing ran")
    }

    /// A plan file pointing at a scripted server: every configuration completes.
    @Test func planRun() async throws {
        let server = try await ScriptedLLMServer.start(script: Self.script)
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write("""
            name: cli-plan
            repetitions: 2
            warmup: 0
            engines:
              - name: scripted
                kind: llamacpp
                url: \(server.baseURL)
            models:
              - name: tiny
            workloads:
              - name: a
                prompt: "Say hi."
                max_tokens: 4
              - name: b
                prompt: "Say more."
                max_tokens: 4

            """, named: "plan.yaml", in: directory)
        let result = try await CLI.run(["run", "plan.yaml", "--json"], in: directory)
        await server.stop()
        #expect(result.status == 0, "\(result)")
        let bundle = try result.jsonObject()
        let configurations = try #require(bundle["configurations"] as? [[String: Any]])
        #expect(configurations.map { $0["id"] as? String } == ["scripted/tiny/a", "scripted/tiny/b"])
        #expect(configurations.allSatisfy { $0["status"] as? String == "completed" })
        let run = try #require(bundle["run"] as? [String: Any])
        #expect(run["plan_name"] as? String == "cli-plan", "\(run)")
    }

    /// A server nobody answers: the configuration fails, the run is still stored, exit 1.
    @Test func failedConfigurationExits1() async throws {
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await CLI.run(
            ["run", "--engine", "llamacpp", "--url", "http://127.0.0.1:9", "--runs", "1", "--warmup", "0", "--json"],
            in: directory)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("1 configuration(s) failed"), "\(result)")
        let bundle = try result.jsonObject()
        let configuration = try #require((bundle["configurations"] as? [[String: Any]])?.first)
        #expect(configuration["status"] as? String == "failed")
    }

    @Test(arguments: [
        (["run", "--engine", "openai"], "--engine openai needs --url of the running server"),
        (["run", "plan.yaml", "--engine", "llamacpp"], "give either a plan file or --engine, not both"),
        (["run", "--resume", "somewhere", "plan.yaml"], "--resume continues an existing run; do not pass a plan file too"),
        (["run", "--engine", "openai", "--url", "http://127.0.0.1:9/v1", "--threads", "2"],
         "--threads applies to managed, ollama and llama-bench engines"),
        (["run", "missing-plan.yaml"], "missing-plan.yaml"),
    ])
    func invalidRunsExit2BeforeAnythingRuns(arguments: [String], message: String) async throws {
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write("name: x\n", named: "plan.yaml", in: directory)
        let result = try await CLI.run(arguments, in: directory)
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.stderr.contains(message), "\(arguments): \(result)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/edgebench-results"), "nothing ran")
    }

    /// Results that cannot be written (the output folder is a file): exit 4.
    @Test func unwritableOutputExits4() async throws {
        let server = try await ScriptedLLMServer.start(script: Self.script)
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Scratch.write("not a folder", named: "results", in: directory)
        let result = try await CLI.run(
            ["run", "--engine", "llamacpp", "--url", server.baseURL, "--runs", "1", "--warmup", "0", "--output",
             "results"], in: directory)
        await server.stop()
        #expect(result.status == 4, "\(result)")
        #expect(result.stderr.contains("error: "), "\(result)")
        #expect(result.stdout.isEmpty)
    }

    /// `--resume` of a finished run measures nothing again and prints the same run.
    @Test func resumeOfAFinishedRun() async throws {
        let server = try await ScriptedLLMServer.start(script: Self.script)
        let directory = Scratch.directory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await CLI.run(
            ["run", "--engine", "llamacpp", "--url", server.baseURL, "--runs", "2", "--warmup", "0", "--json"],
            in: directory)
        #expect(first.status == 0, "\(first)")
        let runID = try #require((try first.jsonObject()["run"] as? [String: Any])?["id"] as? String)
        let before = await server.requests().count
        let resumed = try await CLI.run(
            ["run", "--resume", "edgebench-results/\(runID)", "--json"], in: directory)
        let after = await server.requests().count
        await server.stop()
        #expect(resumed.status == 0, "\(resumed)")
        #expect((try resumed.jsonObject()["run"] as? [String: Any])?["id"] as? String == runID)
        let configuration = try #require((try resumed.jsonObject()["configurations"] as? [[String: Any]])?.first)
        #expect((configuration["requests"] as? [Any])?.count == 2)
        #expect(after - before <= 2, "no measured request again (at most health and props)")
    }
}
