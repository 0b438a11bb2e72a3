import EdgeBenchPlans
import EdgeBenchRunner
import EdgeBenchTelemetry
import Testing

/// Power and timing of a run: a flag beats the plan, the plan beats the default.
@Suite struct RunSettingsTests {
    static let planPower = PlanPower(
        sources: [.manual(watts: 3, boundary: .boardDC)], idleSeconds: 5, minMeasuredSeconds: 30, sampleRate: 20)

    @Test func defaultsWithNeitherFlagNorPlan() throws {
        let settings = try RunSettings.resolve(flags: RunFlags(), plan: nil)
        #expect(settings == RunSettings(power: [], idleSeconds: 10, minMeasuredSeconds: 0, sampleInterval: 0.1))
    }

    @Test func thePlanBeatsTheDefaults() throws {
        let settings = try RunSettings.resolve(flags: RunFlags(), plan: Self.planPower)
        #expect(settings == RunSettings(
            power: [.manual(watts: 3, boundary: .boardDC)], idleSeconds: 5, minMeasuredSeconds: 30, sampleInterval: 0.05))
    }

    @Test func flagsBeatThePlan() throws {
        let flags = RunFlags(
            power: [.manual(watts: 6.4, boundary: .wallAC)], idleSeconds: 2, minMeasuredSeconds: 1,
            sampleIntervalMilliseconds: 250)
        let settings = try RunSettings.resolve(flags: flags, plan: Self.planPower)
        #expect(settings == RunSettings(
            power: [.manual(watts: 6.4, boundary: .wallAC)], idleSeconds: 2, minMeasuredSeconds: 1, sampleInterval: 0.25))
    }

    /// Each setting on its own: a flag given for one leaves the others to the plan.
    @Test func oneFlagLeavesTheRestToThePlan() throws {
        let settings = try RunSettings.resolve(flags: RunFlags(idleSeconds: 0), plan: Self.planPower)
        #expect(settings.idleSeconds == 0, "0 is a value, not an absent flag")
        #expect(settings.minMeasuredSeconds == 30)
        #expect(settings.sampleInterval == 0.05)
        #expect(settings.power == [.manual(watts: 3, boundary: .boardDC)])
    }

    @Test func aPlanWithoutPowerSettingsFallsBackToTheDefaults() throws {
        let settings = try RunSettings.resolve(flags: RunFlags(sampleIntervalMilliseconds: 20), plan: PlanPower())
        #expect(settings == RunSettings(power: [], idleSeconds: 10, minMeasuredSeconds: 0, sampleInterval: 0.02))
    }
}
