import EdgeBenchTesting
import Testing
@testable import EdgeBenchTelemetry

@Suite struct RAPLWrapTests {
    @Test func noWrapIsAPlainDifference() {
        #expect(abs(RAPLSource.energyDelta(from: 26963.529117, to: 26973.529117, range: 262143.32885) - 10) < 1e-9)
    }

    /// Intel range 262143328850 µJ: 262140 J → 5 J is 3.32885 J to the top plus 5 J.
    @Test func intelWrap() {
        #expect(abs(RAPLSource.energyDelta(from: 262140, to: 5, range: 262143.32885) - 8.32885) < 1e-9)
    }

    /// AMD EPYC 7543's range (65532610987 µJ, from the comment fixture) wraps four times as often.
    @Test func amdWrapAndPeriod() throws {
        let comment = try Fixtures.text("powercap-hwmon/powercap-max_energy_range_uj-amd-epyc-vs-intel-COMMENT.txt")
        #expect(comment.contains("65532610987 (amd?)"))
        let range = 65532610987 / 1e6
        #expect(abs(RAPLSource.energyDelta(from: 65500, to: 20, range: range) - 52.610987) < 1e-9)
        // at 200 W the counter wraps after ≈ 327.7 s: a sampler must read at least that often
        #expect(abs(RAPLSource.wrapSeconds(range: range, watts: 200)! - 327.663054935) < 1e-6)
        #expect(RAPLSource.wrapSeconds(range: range, watts: 0) == nil)
    }

    /// The source reports the counter unwrapped: across the hardware wrap its value keeps growing.
    @Test func theSourceUnwrapsWhatItReports() throws {
        let tree = try FakeTree()
        try tree.write("/sys/class/powercap/intel-rapl:0/name", "package-0\n")
        try tree.write("/sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n")
        try tree.write("/sys/class/powercap/intel-rapl:0/energy_uj", "262140000000\n")
        let source = try #require(RAPLSource.discover(root: tree.root).sources.first)
        #expect(try source.read().first?.value == 262140)
        try tree.write("/sys/class/powercap/intel-rapl:0/energy_uj", "5000000\n")
        let after = try #require(try source.read().first?.value)
        #expect(abs(after - (262140 + 8.32885)) < 1e-6)
    }
}
