import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchStore

@Suite struct ResumeTests {
    let run = SampleBundle.bundle.run
    let configuration = SampleBundle.configurations[0]

    func openStore(_ directory: URL) throws -> ResultStore {
        try storeWithSampleRun(in: directory)
    }

    @Test func statusIsNilThenInterruptedThenFinal() throws {
        let directory = try temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        #expect(try store.configurationStatus(runID: run.id, configurationID: configuration.id) == nil)
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: nil)
        // begun, never finished: the process died, so it reads as interrupted
        #expect(try store.configurationStatus(runID: run.id, configurationID: configuration.id) == .interrupted)
        try store.finishConfiguration(
            runID: run.id, configurationID: configuration.id, engine: nil, status: .completed, error: nil,
            summary: [:], flags: [], telemetry: [:])
        #expect(try store.configurationStatus(runID: run.id, configurationID: configuration.id) == .completed)
    }

    @Test func unfinishedConfigurationExportsAsInterruptedWithItsRequests() throws {
        let directory = try temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: nil)
        try store.recordRequest(
            runID: run.id, configurationID: configuration.id, result: SampleBundle.completed.requests[0], warmup: false)
        let exported = try store.bundle(runID: run.id).configurations
        #expect(exported.count == 1)
        #expect(exported[0].status == .interrupted)
        #expect(exported[0].error == "the run stopped before this configuration finished; continue it with --resume")
        #expect(exported[0].requests == [SampleBundle.completed.requests[0]])
        // no engine description yet: the plan's engine and model stand in
        #expect(exported[0].engine.adapter == "managed")
        #expect(exported[0].engine.name == "llama.cpp")
        #expect(exported[0].model == ModelInfo(name: "smollm2-135m", file: "smollm2-135m"))
        #expect(exported[0].workload == configuration.workload)
    }

    @Test func beginningAgainKeepsRequestsAndOrder() throws {
        let directory = try temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: nil)
        try store.beginConfiguration(runID: run.id, configuration: SampleBundle.configurations[1], engine: nil)
        try store.recordRequest(
            runID: run.id, configurationID: configuration.id, result: SampleBundle.completed.requests[0], warmup: false)
        try store.finishConfiguration(
            runID: run.id, configurationID: configuration.id, engine: nil, status: .interrupted,
            error: "stopped by Ctrl-C", summary: [:], flags: [], telemetry: [:])
        // resume
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: SampleBundle.completed.engine)
        #expect(try store.measuredRequests(runID: run.id, configurationID: configuration.id).count == 1)
        let exported = try store.bundle(runID: run.id).configurations
        #expect(exported.map(\.id) == [configuration.id, SampleBundle.configurations[1].id])
        #expect(exported[0].engine == SampleBundle.completed.engine)
        #expect(exported[0].error == "the run stopped before this configuration finished; continue it with --resume")
    }

    @Test func recordingAnIndexAgainReplacesIt() throws {
        let directory = try temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: nil)
        var request = SampleBundle.completed.requests[0]
        try store.recordRequest(runID: run.id, configurationID: configuration.id, result: request, warmup: false)
        request.metrics[.ttft] = 0.5
        try store.recordRequest(runID: run.id, configurationID: configuration.id, result: request, warmup: false)
        #expect(try store.measuredRequests(runID: run.id, configurationID: configuration.id) == [request])
        let metricRows = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM request_metrics") }
        #expect(metricRows == 9)
    }

    @Test func unknownRunAndConfigurationAreClearErrors() throws {
        let directory = try temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        let path = store.path
        let unknownConfiguration = #expect(throws: StoreError.self) {
            try store.recordRequest(
                runID: run.id, configurationID: "nope", result: SampleBundle.completed.requests[0], warmup: false)
        }
        #expect(
            unknownConfiguration?.message
                == "no configuration \"nope\" in run \"run-1\" of the results database at \(path); "
                + "call beginConfiguration before recording its requests")
        let unknownRun = #expect(throws: StoreError.self) { try store.bundle(runID: "run-9") }
        #expect(
            unknownRun?.message
                == "no run \"run-9\" in the results database at \(path); list the stored runs to pick an existing id")
        #expect(throws: StoreError.self) {
            try store.finishConfiguration(
                runID: run.id, configurationID: "nope", engine: nil, status: .failed, error: nil, summary: [:],
                flags: [], telemetry: [:])
        }
    }

    @Test func samplesAreStoredInBatchesAndReadBackInTimeOrder() throws {
        let directory = try temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        try store.beginConfiguration(runID: run.id, configuration: configuration, engine: nil)
        let samples = [
            Sample(at: Instant(nanoseconds: 2_000), source: "pmic", reading: Reading(channel: "total", quantity: .power, value: 5.25)),
            Sample(at: Instant(nanoseconds: 1_000), source: "thermal", reading: Reading(channel: "cpu", quantity: .temperature, value: 61.5)),
            Sample(at: Instant(nanoseconds: 3_000), source: "pmic", reading: Reading(channel: "total", quantity: .power, value: .nan)),
        ]
        try store.recordSamples(runID: run.id, configurationID: configuration.id, samples)
        try store.recordSamples(runID: run.id, configurationID: nil, [
            Sample(at: Instant(nanoseconds: 500), source: "pmic", reading: Reading(channel: "total", quantity: .power, value: 2.5))
        ])
        #expect(try store.samples(runID: run.id, configurationID: configuration.id) == [samples[1], samples[0]])
        #expect(try store.samples(runID: run.id).map(\.reading.value) == [2.5, 61.5, 5.25])
    }

    @Test func runsAreListedOldestFirst() throws {
        let directory = try temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        let earlier = RunInfo(id: "run-0", startedAt: "2025-11-22T09:00:00Z", edgebenchVersion: "0.1.0", planHash: "00")
        try store.beginRun(earlier, environment: SampleBundle.environment, planText: "")
        // beginning an existing run again (resume) keeps it as it was
        try store.beginRun(earlier, environment: SampleBundle.environment, planText: "changed")
        #expect(try store.runs() == [earlier, run])
        #expect(try store.planText(runID: "run-0") == "")
    }
}
