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

    /// A resumed run brings back its plan's power settings from the stored plan text, and leaves the
    /// configurations to the runner.
    @Test func resumeReadsThePowerSettingsOfTheStoredPlan() throws {
        let directory = try Self.runDirectory(planText: Self.powerPlan)
        defer { try? FileManager.default.removeItem(at: directory) }
        let preparation = try RunPreparation.prepare(
            .resume(directory: directory.path), flags: RunFlags(), catalog: Self.noCatalog, board: Self.noBoard)
        #expect(preparation.plan.configurations.isEmpty)
        #expect(preparation.planPower?.idleSeconds == 4)
        #expect(preparation.settings == RunSettings(
            power: [.manual(watts: 9, boundary: .wallAC)], idleSeconds: 4, minMeasuredSeconds: 0, sampleInterval: 0.02))
        #expect(preparation.configurationPower == ["m5/qwen/short": [.manual(watts: 1.5, boundary: .boardDC)]])
    }

    /// A one-off run's stored text is a configuration, not a plan: the defaults apply.
    @Test func resumeOfAOneOffRunUsesTheDefaults() throws {
        let directory = try Self.runDirectory(planText: "{\"id\": \"llamacpp/default/chat-64\"}")
        defer { try? FileManager.default.removeItem(at: directory) }
        let preparation = try RunPreparation.prepare(
            .resume(directory: directory.path), flags: RunFlags(idleSeconds: 1), catalog: Self.noCatalog, board: Self.noBoard)
        #expect(preparation.planPower == nil)
        #expect(preparation.settings == RunSettings(power: [], idleSeconds: 1, minMeasuredSeconds: 0, sampleInterval: 0.1))
    }

    /// A directory without run.json has no stored plan to take settings from; the runner says what is
    /// wrong with it when it starts.
    @Test func resumeOfADirectoryWithoutARunLeavesTheSettingsToFlagsAndDefaults() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eb-no-run-\(UUID().uuidString)")
        let preparation = try RunPreparation.prepare(
            .resume(directory: directory.path), flags: RunFlags(minMeasuredSeconds: 2), catalog: Self.noCatalog,
            board: Self.noBoard)
        #expect(preparation.planPower == nil)
        #expect(preparation.settings == RunSettings(power: [], idleSeconds: 10, minMeasuredSeconds: 2, sampleInterval: 0.1))
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
        #expect(preparation.configurationPower[m5] == [.manual(watts: 1.5, boundary: .boardDC)])
        #expect(preparation.settings.power == [.manual(watts: 9, boundary: .wallAC)])

        // A meter on the command line is the whole run's: no engine keeps its own.
        let flagged = try RunPreparation.prepare(
            .planFile(file.path), flags: RunFlags(power: [.manual(watts: 2, boundary: .wallAC)]),
            catalog: { DeviceCatalog(devices: []) }, board: Self.noBoard)
        #expect(flagged.configurationPower.isEmpty)
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
        #expect(local.planPower == nil)
        #expect(local.configurationPower.isEmpty)

        // A server elsewhere is not this board.
        let remote = try RunPreparation.prepare(
            .oneOff(Self.oneOff(kind: .llamacpp)), flags: RunFlags(), catalog: Self.noCatalog, board: Self.noBoard)
        #expect(remote.plan.devices.isEmpty)
    }

    @Test func optionsCarryTheSettings() throws {
        let preparation = RunPreparation(
            plan: Self.oneOff(kind: .llamacpp), planPower: nil,
            settings: RunSettings(power: [.manual(watts: 5, boundary: .boardDC)], idleSeconds: 3, minMeasuredSeconds: 7, sampleInterval: 0.5),
            configurationPower: ["x": [.manual(watts: 1, boundary: .wallAC)]])
        let options = preparation.options(
            outputRoot: URL(fileURLWithPath: "/tmp/out"), databasePath: "/tmp/db.sqlite", resume: nil,
            llamaServerPath: "/opt/llama-server")
        #expect(options.outputRoot.path == "/tmp/out")
        #expect(options.databasePath == "/tmp/db.sqlite")
        #expect(options.sampleInterval == 0.5)
        #expect(options.idleSeconds == 3)
        #expect(options.minMeasuredSeconds == 7)
        #expect(options.power == [.manual(watts: 5, boundary: .boardDC)])
        #expect(options.configurationPower == ["x": [.manual(watts: 1, boundary: .wallAC)]])
        #expect(options.llamaServerPath == "/opt/llama-server")
    }

    /// A run directory whose run.json stores `planText`, as an earlier run left it.
    static func runDirectory(planText: String) throws -> URL {
        let directory = RunnerFixtures.temporaryDirectory()
        let manifest = RunManifest(
            run: RunInfo(id: "r1", startedAt: "2026-12-05T00:00:00Z", edgebenchVersion: "0.1.0", planHash: "h"),
            databasePath: directory.appendingPathComponent("edgebench.sqlite").path, planText: planText,
            configurations: [])
        try manifest.write(to: directory)
        return directory
    }
}

enum RunFixturesForPreparation {
    static func plan(kind: EngineSpec.Kind) -> RunPlan {
        RunnerFixtures.plan([
            RunnerFixtures.configuration(
                id: "\(kind.rawValue)/m/w", kind: kind, url: kind.runsLocally ? nil : "http://127.0.0.1:9"),
        ])
    }
}
