import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchPlans
@testable import EdgeBenchRunner
import EdgeBenchTelemetry
import Foundation
import Testing

/// What `edgebench run` decides before the runner starts: which source, which plan, which settings.
@Suite struct RunPreparationTests {
    static let powerPlan = """
        name: metered
        engines:
          - {name: m5, kind: stackflow, url: "tcp://m5.local:10001", power: [{manual: 1.5, boundary: board_dc}]}
          - {name: pi, kind: ollama, url: "http://pi.local:11434"}
        models:
          - {name: qwen, served: "qwen2.5:0.5b"}
        workloads:
          - {name: short, prompt: "Say hi.", max_tokens: 8}
        power:
          - {manual: 9}
        idle_seconds: 4
        sample_rate_hz: 50

        """

    static func oneOff(kind: EngineSpec.Kind) -> RunPlan {
        RunFixturesForPreparation.plan(kind: kind)
    }

    static func noCatalog() throws -> DeviceCatalog {
        Issue.record("the catalog was read")
        return DeviceCatalog(devices: [])
    }

    static func noBoard() -> BoardIdentity {
        Issue.record("the board was read")
        return BoardIdentity()
    }

    // MARK: - the source

    @Test func resumeWithAPlanFileIsRefused() {
        #expect(throws: RunSetupError("--resume continues an existing run; do not pass a plan file too")) {
            try RunSource.choose(planFile: "plan.yaml", resume: "dir", engineGiven: false) { Self.oneOff(kind: .llamacpp) }
        }
    }

    @Test func aPlanFileWithAnEngineIsRefused() {
        #expect(throws: RunSetupError("give either a plan file or --engine, not both")) {
            try RunSource.choose(planFile: "plan.yaml", resume: nil, engineGiven: true) { Self.oneOff(kind: .llamacpp) }
        }
    }

    /// The one-off plan is built only for a one-off run: its mistakes do not stop a plan or a resume.
    @Test func theOneOffPlanIsBuiltOnlyWhenChosen() throws {
        struct Unbuildable: Error {}
        let plan = try RunSource.choose(planFile: "plan.yaml", resume: nil, engineGiven: false) { throw Unbuildable() }
        guard case .planFile("plan.yaml") = plan else { Issue.record("\(plan)"); return }
        let resume = try RunSource.choose(planFile: nil, resume: "dir", engineGiven: true) { throw Unbuildable() }
        guard case .resume(directory: "dir") = resume else { Issue.record("\(resume)"); return }
        #expect(throws: Unbuildable.self) {
            try RunSource.choose(planFile: nil, resume: nil, engineGiven: true) { throw Unbuildable() }
        }
    }

    // MARK: - resume

    /// A run started from a plan with a `power:` section: `--resume` brings back its meters (the run's and
    /// each engine's own), idle baseline and rate from run.json, with no plan to re-read.
    @Test func resumeRestoresThePowerOfAPlanRun() async throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let file = output.appendingPathComponent("plan.yaml")
        try Data(Self.powerPlan.utf8).write(to: file)
        let started = try RunPreparation.prepare(
            .planFile(file.path), flags: RunFlags(), catalog: { DeviceCatalog(devices: []) }, board: Self.noBoard)
        let directory = try await Self.startAndStop(started, output: output)
        try FileManager.default.removeItem(at: file)  // nothing of the plan is needed to resume

        let resumed = try RunPreparation.prepare(
            .resume(directory: directory.path), flags: RunFlags(), catalog: Self.noCatalog, board: Self.noBoard)
        #expect(resumed.plan.configurations.isEmpty)
        #expect(resumed.notes.isEmpty)
        #expect(resumed.settings == RunSettings(
            power: [.manual(watts: 9, boundary: .wallAC)],
            configurationPower: ["m5/qwen/short": [.manual(watts: 1.5, boundary: .boardDC)]],
            idleBaseline: .seconds(4), minMeasured: .zero, sampleInterval: .milliseconds(20)))
    }

    /// A one-off run with `--power-*` flags: `--resume` with no flags measures with the same meter; a flag
    /// given to the resume replaces what it names only.
    @Test func resumeRestoresThePowerFlagsOfAOneOffRun() async throws {
        let output = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let flags = try RunFlags.commandLine(
            power: [.plug(.shellyRPC, url: "http://127.0.0.1:9")], idleSeconds: 3, minMeasuredSeconds: 1.5,
            sampleIntervalMilliseconds: 250)
        let started = try RunPreparation.prepare(
            .oneOff(Self.oneOff(kind: .llamacpp)), flags: flags, catalog: Self.noCatalog, board: Self.noBoard)
        let directory = try await Self.startAndStop(started, output: output)

        let resumed = try RunPreparation.prepare(
            .resume(directory: directory.path), flags: RunFlags(), catalog: Self.noCatalog, board: Self.noBoard)
        #expect(resumed.settings == RunSettings(
            power: [.plug(.shellyRPC, url: "http://127.0.0.1:9")], idleBaseline: .seconds(3),
            minMeasured: .milliseconds(1500), sampleInterval: .milliseconds(250)))
        let overridden = try RunPreparation.prepare(
            .resume(directory: directory.path), flags: RunFlags(idleBaseline: .seconds(1)), catalog: Self.noCatalog,
            board: Self.noBoard)
        #expect(overridden.settings.idleBaseline == .seconds(1))
        #expect(overridden.settings.power == [.plug(.shellyRPC, url: "http://127.0.0.1:9")])
        #expect(overridden.settings.sampleInterval == .milliseconds(250))
    }

    /// run.json as the previous EdgeBench wrote it (no settings, configurations without `llama_bench_of`)
    /// still reads; the settings are the flags' and the defaults', and the user is told.
    @Test func aRunJSONOfThePreviousVersionStillResumes() throws {
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.previousRunJSON.utf8).write(to: directory.appendingPathComponent("run.json"))

        let manifest = try RunManifest.read(from: directory)
        #expect(manifest.settings == nil)
        #expect(manifest.configurations.map(\.id) == ["managed/smollm2/chat-64"])
        #expect(manifest.configurations.first?.llamaBenchOf == nil)
        #expect(manifest.configurations.first?.engine.threads == 2)
        // written before prompt_tokens: the prompt is sent as written
        #expect(manifest.configurations.first?.workload.promptTokens == nil)
        #expect(manifest.configurations.first?.workload.builtPrompt == nil)
        #expect(manifest.configurations.first?.workload.request.prompt == "Hi")

        let preparation = try RunPreparation.prepare(
            .resume(directory: directory.path), flags: RunFlags(idleBaseline: .seconds(1)), catalog: Self.noCatalog,
            board: Self.noBoard)
        #expect(preparation.settings == RunSettings(idleBaseline: .seconds(1)))
        #expect(preparation.notes.count == 1)
        #expect(preparation.notes.first?.contains("does not record the run's power and timing settings") == true)
    }

    /// A directory without run.json has no stored settings; the runner says what is wrong with it when it starts.
    @Test func resumeOfADirectoryWithoutARunLeavesTheSettingsToFlagsAndDefaults() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eb-no-run-\(UUID().uuidString)")
        let preparation = try RunPreparation.prepare(
            .resume(directory: directory.path), flags: RunFlags(minMeasured: .seconds(2)), catalog: Self.noCatalog,
            board: Self.noBoard)
        #expect(preparation.settings == RunSettings(minMeasured: .seconds(2)))
    }

    /// A damaged run.json stops the resume here, saying so, instead of measuring with other settings.
    @Test func aDamagedRunJSONIsAnError() throws {
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\"run\": ".utf8).write(to: directory.appendingPathComponent("run.json"))
        #expect {
            try RunPreparation.prepare(
                .resume(directory: directory.path), flags: RunFlags(), catalog: Self.noCatalog, board: Self.noBoard)
        } throws: { error in
            "\(error)".hasPrefix("cannot resume: \(directory.path)/run.json is damaged")
        }
    }

    // MARK: - plan files

    @Test func aPlanFileGivesItsConfigurationsAndEachEnginesOwnMeter() throws {
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plan.yaml")
        try Data(Self.powerPlan.utf8).write(to: file)
        let preparation = try RunPreparation.prepare(
            .planFile(file.path), flags: RunFlags(), catalog: { DeviceCatalog(devices: []) }, board: Self.noBoard)
        #expect(preparation.plan.name == "metered")
        #expect(preparation.plan.configurations.map(\.engine.name) == ["m5", "pi"])
        let m5 = try #require(preparation.plan.configurations.first).id
        #expect(preparation.settings.configurationPower[m5] == [.manual(watts: 1.5, boundary: .boardDC)])
        #expect(preparation.settings.power == [.manual(watts: 9, boundary: .wallAC)])

        // A meter on the command line is the whole run's: no engine keeps its own.
        let flagged = try RunPreparation.prepare(
            .planFile(file.path), flags: RunFlags(power: [.manual(watts: 2, boundary: .wallAC)]),
            catalog: { DeviceCatalog(devices: []) }, board: Self.noBoard)
        #expect(flagged.settings.configurationPower.isEmpty)
        #expect(flagged.settings.power == [.manual(watts: 2, boundary: .wallAC)])
    }

    // MARK: - one-off runs

    /// An engine on this machine measures this machine: the detected board becomes its device.
    @Test func aLocalOneOffEngineGetsTheDetectedBoard() throws {
        let catalog = try DeviceCatalog.bundled()
        let board = BoardIdentity(deviceTreeModel: "Raspberry Pi 5 Model B Rev 1.0", memTotal: 8_245_328 * 1024)
        let local = try RunPreparation.prepare(
            .oneOff(Self.oneOff(kind: .managed)), flags: RunFlags(), catalog: { catalog }, board: { board })
        let id = try #require(local.plan.configurations.first).id
        #expect(local.plan.devices[id]?.id == "rpi5-8gb")
        #expect(local.settings == RunSettings())

        // A server elsewhere is not this board.
        let remote = try RunPreparation.prepare(
            .oneOff(Self.oneOff(kind: .llamacpp)), flags: RunFlags(), catalog: Self.noCatalog, board: Self.noBoard)
        #expect(remote.plan.devices.isEmpty)
    }

    @Test func optionsCarryTheSettings() throws {
        let settings = RunSettings(
            power: [.manual(watts: 5, boundary: .boardDC)], configurationPower: ["x": [.manual(watts: 1, boundary: .wallAC)]],
            idleBaseline: .seconds(3), minMeasured: .seconds(7), sampleInterval: .milliseconds(500))
        let preparation = RunPreparation(plan: Self.oneOff(kind: .llamacpp), settings: settings)
        let options = preparation.options(
            outputRoot: URL(fileURLWithPath: "/tmp/out"), databasePath: "/tmp/db.sqlite", resume: nil,
            llamaServerPath: "/opt/llama-server")
        #expect(options.outputRoot.path == "/tmp/out")
        #expect(options.databasePath == "/tmp/db.sqlite")
        #expect(options.settings == settings)
        #expect(options.llamaServerPath == "/opt/llama-server")
    }

    /// Runs `preparation` as `edgebench run` would, its engines unreachable (each configuration fails at
    /// once): what is left is the run directory with its run.json.
    static func startAndStop(_ preparation: RunPreparation, output: URL) async throws -> URL {
        var plan = preparation.plan
        for index in plan.configurations.indices where !plan.configurations[index].engine.kind.runsLocally {
            plan.configurations[index].engine.url = plan.configurations[index].engine.kind == .stackflow
                ? "tcp://127.0.0.1:9" : RunnerFixtures.closedPort
        }
        let options = preparation.options(outputRoot: output, databasePath: nil, resume: nil, llamaServerPath: nil)
        let outcome = try await BenchmarkRunner(options: options, reporter: SilentProgress()).run(plan)
        #expect(outcome.bundle.configurations.allSatisfy { $0.status == .failed })
        return outcome.directory
    }

    /// run.json as EdgeBench 0.1.0 wrote it before it stored the settings and `llama_bench_of`.
    static let previousRunJSON = """
        {
          "configurations" : [
            {
              "engine" : {
                "extra_args" : [ ], "kind" : "managed", "llama_bench" : false, "name" : "managed", "threads" : 2
              },
              "id" : "managed/smollm2/chat-64",
              "model" : { "file" : "smollm2-135m", "name" : "smollm2" },
              "repetitions" : 5,
              "warmup" : 1,
              "workload" : {
                "name" : "chat-64",
                "request" : {
                  "api" : "chat", "cache" : "cold", "max_tokens" : 64, "prompt" : "Hi", "stop" : [ ],
                  "temperature" : 0
                }
              }
            }
          ],
          "databasePath" : "/tmp/edgebench-results/edgebench.sqlite",
          "devices" : { },
          "planText" : "{\\"id\\": \\"managed/smollm2/chat-64\\"}",
          "run" : {
            "edgebench_version" : "0.1.0", "id" : "20261205T000000Z-1a2b", "plan_hash" : "h",
            "started_at" : "2026-12-05T00:00:00Z"
          }
        }
        """
}

enum RunFixturesForPreparation {
    static func plan(kind: EngineSpec.Kind) -> RunPlan {
        RunnerFixtures.plan([
            RunnerFixtures.configuration(
                id: "\(kind.rawValue)/m/w", kind: kind, url: kind.runsLocally ? nil : "http://127.0.0.1:9"),
        ])
    }
}
