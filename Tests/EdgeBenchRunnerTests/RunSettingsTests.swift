import EdgeBenchCore
import EdgeBenchPlans
import EdgeBenchRunner
import Foundation
import Testing

/// Power and timing of a run: a flag beats the plan, the plan beats the default; durations from the edge.
@Suite struct RunSettingsTests {
    static let planText = """
        engines:
          - {name: m5, kind: stackflow, url: "tcp://m5.local:10001", power: [{manual: 1.5, boundary: board_dc}]}
          - {name: pi, kind: ollama, url: "http://pi.local:11434"}
        models:
          - {name: qwen, served: "qwen2.5:0.5b"}
        workloads:
          - {name: short, prompt: "Say hi.", max_tokens: 8}
        power:
          - {manual: 3, boundary: board_dc}
        idle_seconds: 5
        min_measured_seconds: 30
        sample_rate_hz: 20
        """

    static func plan(_ text: String = planText) throws -> Plan {
        try PlanLoader.parse(text, file: "plan.yaml", baseDirectory: nil)
    }

    static func resolve(_ flags: RunFlags, _ plan: Plan?) -> RunSettings {
        RunSettings.resolve(flags: flags, plan: plan, configurations: plan?.expand() ?? [])
    }

    @Test func defaultsWithNeitherFlagNorPlan() throws {
        #expect(Self.resolve(RunFlags(), nil) == RunSettings(
            power: [], idleBaseline: .seconds(10), minMeasured: .zero, sampleInterval: .milliseconds(100)))
    }

    @Test func thePlanBeatsTheDefaults() throws {
        #expect(Self.resolve(RunFlags(), try Self.plan()) == RunSettings(
            power: [.manual(watts: 3, boundary: .boardDC)],
            configurationPower: ["m5/qwen/short": [.manual(watts: 1.5, boundary: .boardDC)]],
            idleBaseline: .seconds(5), minMeasured: .seconds(30), sampleInterval: .milliseconds(50)))
    }

    @Test func flagsBeatThePlan() throws {
        let flags = RunFlags(
            power: [.manual(watts: 6.4, boundary: .wallAC)], idleBaseline: .seconds(2), minMeasured: .seconds(1),
            sampleInterval: .milliseconds(250))
        // A meter on the command line is the whole run's: the engine's own meter goes too.
        #expect(Self.resolve(flags, try Self.plan()) == RunSettings(
            power: [.manual(watts: 6.4, boundary: .wallAC)], idleBaseline: .seconds(2), minMeasured: .seconds(1),
            sampleInterval: .milliseconds(250)))
    }

    /// Each setting on its own: a flag given for one leaves the others to the plan.
    @Test func oneFlagLeavesTheRestToThePlan() throws {
        let settings = Self.resolve(RunFlags(idleBaseline: .zero), try Self.plan())
        #expect(settings.idleBaseline == .zero, "0 is a value, not an absent flag")
        #expect(settings.minMeasured == .seconds(30))
        #expect(settings.sampleInterval == .milliseconds(50))
        #expect(settings.power == [.manual(watts: 3, boundary: .boardDC)])
        #expect(settings.power(for: "m5/qwen/short") == [.manual(watts: 1.5, boundary: .boardDC)])
        #expect(settings.power(for: "pi/qwen/short") == [.manual(watts: 3, boundary: .boardDC)])
    }

    @Test func aPlanWithoutPowerSettingsFallsBackToTheDefaults() throws {
        let plan = try Self.plan("engines:\n  - {name: pi, kind: managed}\nmodels:\n  - {name: q, file: smollm2-135m}\nworkloads:\n  - {name: w, prompt: Hi, max_tokens: 8}\n")
        #expect(Self.resolve(RunFlags(sampleInterval: .milliseconds(20)), plan) == RunSettings(
            power: [], idleBaseline: .seconds(10), minMeasured: .zero, sampleInterval: .milliseconds(20)))
    }

    /// The command line's numbers (s, s, ms) as durations, exact; out of range or not a number is named.
    @Test func commandLineFlagsAreExactDurations() throws {
        let flags = try RunFlags.commandLine(
            power: [], idleSeconds: 0.1, minMeasuredSeconds: 2.5, sampleIntervalMilliseconds: 0.5 * 3)
        #expect(flags == RunFlags(
            idleBaseline: .milliseconds(100), minMeasured: .milliseconds(2500), sampleInterval: .microseconds(1500)))
        #expect(try RunFlags.commandLine(power: [], idleSeconds: nil, minMeasuredSeconds: nil, sampleIntervalMilliseconds: 10_000)
            == RunFlags(sampleInterval: .seconds(10)))
        #expect(throws: RunSetupError("--idle-seconds must be a number of seconds between 0 and 1000000, got inf")) {
            try RunFlags.commandLine(power: [], idleSeconds: .infinity, minMeasuredSeconds: nil, sampleIntervalMilliseconds: nil)
        }
        #expect(throws: RunSetupError("--sample-interval must be between 1 and 10000 ms, got 0.5")) {
            try RunFlags.commandLine(power: [], idleSeconds: nil, minMeasuredSeconds: nil, sampleIntervalMilliseconds: 0.5)
        }
    }

    /// run.json keeps the settings in seconds and reads them back to the nanosecond; a manifest without a
    /// key (or an earlier EdgeBench's) gets the default for it.
    @Test func storedInSecondsReadBackExactly() throws {
        let settings = RunSettings(
            power: [.plug(.tasmota, url: "http://plug")],
            configurationPower: ["m5/qwen/short": [.manual(watts: 1.5, boundary: .boardDC)]],
            idleBaseline: .milliseconds(100), minMeasured: .seconds(30), sampleInterval: .nanoseconds(333_333_333))
        let data = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(RunSettings.self, from: data) == settings)
        let partial = try JSONDecoder().decode(RunSettings.self, from: Data(#"{"idle_seconds": 4}"#.utf8))
        #expect(partial == RunSettings(idleBaseline: .seconds(4)))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RunSettings.self, from: Data(#"{"sample_interval_seconds": -1}"#.utf8))
        }
    }
}
