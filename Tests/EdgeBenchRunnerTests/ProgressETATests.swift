import Testing

@testable import EdgeBenchRunner

/// The ETA counts the requests still ahead from where the run is. It counted measured requests done against
/// a total that included warm-ups, so the methodology tour's last request (28 configurations, 5 measured + 1
/// warm-up each) still saw 28 requests ahead: "ETA 5 min 50 s" with seconds to go.
@Suite struct ProgressETATests {
    @Test func theLastRequestOfTheLastConfigurationLeavesNone() {
        #expect(StderrProgress.requestsLeft(
            index: 5, total: 5, warmup: false, configuration: 28, configurations: 28, perConfiguration: 6) == 0)
        #expect(StderrProgress.requestsLeft(
            index: 4, total: 5, warmup: false, configuration: 28, configurations: 28, perConfiguration: 6) == 1)
    }

    @Test func aWarmUpCountsItsWholeConfigurationAhead() {
        // warm-up 1 of 1 in configuration 1 of 28: its 5 measured requests, then 27 × 6
        #expect(StderrProgress.requestsLeft(
            index: 1, total: 1, warmup: true, configuration: 1, configurations: 28, perConfiguration: 6) == 5 + 27 * 6)
    }
}
