import AsyncHTTPClient
import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchStore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchRunner

/// A configuration's session on a store that refuses writes where told: every refused write reaches the
/// user (the configuration's error, or a note), none is dropped.
@Suite(.serialized)
struct ConfigurationSessionTests {
    static let refusal = "disk I/O error (injected)"

    /// The run's real store, refusing the writes named.
    final class RefusingStore: ConfigurationStore, @unchecked Sendable {
        struct Refused: Error, CustomStringConvertible {
            var description: String { ConfigurationSessionTests.refusal }
        }

        let base: ResultStore
        /// refuse the measured request with this 1-based number
        let measuredRequest: Int?
        let samples: Bool
        let finish: Bool
        /// refuse attaching energy to the stored requests
        let energy: Bool
        private let lock = NSLock()
        private var measured = 0

        init(base: ResultStore, measuredRequest: Int? = nil, samples: Bool = false, finish: Bool = false, energy: Bool = false) {
            self.base = base
            self.measuredRequest = measuredRequest
            self.samples = samples
            self.finish = finish
            self.energy = energy
        }

        func updateMeasures(runID: String, configurationID: String, result: RequestResult) throws {
            if energy { throw Refused() }
            try base.updateMeasures(runID: runID, configurationID: configurationID, result: result)
        }

        func beginConfiguration(runID: String, configuration: Configuration, engine: EngineDescription?, device: Device?) throws {
            try base.beginConfiguration(runID: runID, configuration: configuration, engine: engine, device: device)
        }

        func measuredRequests(runID: String, configurationID: String) throws -> [RequestResult] {
            try base.measuredRequests(runID: runID, configurationID: configurationID)
        }

        func summary(runID: String, configurationID: String) throws -> [MetricID: Summary]? {
            try base.summary(runID: runID, configurationID: configurationID)
        }

        func recordRequest(runID: String, configurationID: String, result: RequestResult, warmup: Bool) throws {
            if !warmup {
                lock.lock()
                measured += 1
                let number = measured
                lock.unlock()
                if number == measuredRequest { throw Refused() }
            }
            try base.recordRequest(runID: runID, configurationID: configurationID, result: result, warmup: warmup)
        }

        func recordSamples(runID: String, configurationID: String?, _ samples: [Sample]) throws {
            if self.samples { throw Refused() }
            try base.recordSamples(runID: runID, configurationID: configurationID, samples)
        }

        func finishConfiguration(
            runID: String, configurationID: String, engine: EngineDescription?, status: ConfigurationResult.Status,
            error: String?, summary: [MetricID: Summary], flags: [Flag], telemetry: [String: TelemetrySummary],
            power: PowerProvenance?
        ) throws {
            if finish { throw Refused() }
            try base.finishConfiguration(
                runID: runID, configurationID: configurationID, engine: engine, status: status, error: error,
                summary: summary, flags: flags, telemetry: telemetry, power: power)
        }
    }

    /// Every event, in order.
    final class Events: ProgressReporter, @unchecked Sendable {
        private let lock = NSLock()
        private var kept: [ProgressEvent] = []

        func report(_ event: ProgressEvent) {
            lock.lock()
            kept.append(event)
            lock.unlock()
        }

        var notes: [String] {
            lock.lock()
            defer { lock.unlock() }
            return kept.compactMap { if case .note(let text) = $0 { text } else { nil } }
        }

        var phases: [String] {
            lock.lock()
            defer { lock.unlock() }
            return kept.compactMap { if case .phase(let text) = $0 { text } else { nil } }
        }

        /// The 1-based index of each finished warm-up request.
        var warmUpsFinished: [Int] {
            lock.lock()
            defer { lock.unlock() }
            return kept.compactMap { if case .requestFinished(let index, _, true, _, _) = $0 { index } else { nil } }
        }

        var finished: [(String, ConfigurationResult.Status, String?)] {
            lock.lock()
            defer { lock.unlock() }
            return kept.compactMap {
                if case .configurationFinished(let id, let status, let error) = $0 { (id, status, error) } else { nil }
            }
        }
    }

    /// Runs one configuration of 3 requests against a scripted server through `refusing`'s rules, with a
    /// declared 5 W meter and a 50 ms idle baseline (a sample before the first request); returns the status, the events and the stored bundle.
    static func session(
        measuredRequest: Int? = nil, samples: Bool = false, finish: Bool = false, energy: Bool = false
    ) async throws -> (ConfigurationResult.Status, Events, ResultBundle) {
        let server = try await ScriptedLLMServer.start(script: .fast(tokens: 5))
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sensors = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: sensors) }
        let base = try ResultStore(path: directory.appendingPathComponent("edgebench.sqlite").path)
        let run = RunInfo(id: "r1", startedAt: "2026-12-07T00:00:00Z", edgebenchVersion: "0.1.0", planHash: "h")
        try base.beginRun(run, environment: EnvironmentProbe.collect(), planText: "test")
        let store = RefusingStore(base: base, measuredRequest: measuredRequest, samples: samples, finish: finish, energy: energy)
        let settings = RunSettings(
            power: [.manual(watts: 5, boundary: .wallAC)], idleBaseline: .milliseconds(50), sampleInterval: .milliseconds(10))
        let options = RunOptions(outputRoot: directory, settings: settings, sensorRoot: sensors.path)
        let events = Events()
        let client = HTTPTransport.makeClient(connectTimeout: .seconds(3))
        let context = ConfigurationSession.Context(
            configuration: RunnerFixtures.configuration(id: "cfg", url: server.baseURL, repetitions: 3),
            device: nil, runID: run.id, directory: directory, store: store,
            factory: EngineFactory(options: options, client: client, reporter: events), settings: settings,
            sensorRoot: sensors.path, reporter: events)
        let status = await ConfigurationSession(context).run()
        try await client.shutdown()
        await server.stop()
        return (status, events, try base.bundle(runID: run.id))
    }

    @Test func aRefusedRequestWriteFailsTheConfigurationWithThatError() async throws {
        let (status, events, bundle) = try await Self.session(measuredRequest: 2)
        let expected = "could not store measured request 2 of cfg: \(Self.refusal); check that the database's disk "
            + "has space and is writable, then continue with --resume"
        #expect(status == .failed)
        #expect(events.finished.map(\.0) == ["cfg"])
        #expect(events.finished.first?.1 == .failed)
        #expect(events.finished.first?.2 == expected)
        let stored = try #require(bundle.configurations.first)
        #expect(stored.status == .failed)
        #expect(stored.error == expected)
        // The first request was stored before the refusal, with its energy (5 W over its e2e latency).
        #expect(stored.requests.map(\.index) == [0])
        let first = try #require(stored.requests.first)
        let energy = try #require(first.metrics[.energy])
        #expect(abs(energy - 5 * (first.metrics[.e2eLatency] ?? 0)) < 1e-6)
    }

    @Test func refusedSampleWritesAreANoteAndTheFiguresStay() async throws {
        let (status, events, bundle) = try await Self.session(samples: true)
        #expect(status == .completed)
        let note = try #require(events.notes.first { $0.contains("telemetry samples") }, "\(events.notes)")
        #expect(note.hasPrefix("  could not store "))
        #expect(note.contains(" batch(es) of telemetry samples of cfg (first: \(Self.refusal)); "))
        let stored = try #require(bundle.configurations.first)
        #expect(stored.status == .completed)
        #expect(stored.requests.count == 3)
        #expect(stored.power?.source == "manual")
        #expect(stored.requests.allSatisfy { $0.metrics[.energy] != nil })
        // Attaching energy updates the stored rows; the responses the session no longer holds stay in them.
        #expect(stored.requests.map(\.response) == Array(repeating: " t0 t1 t2 t3 t4", count: 3))
    }

    @Test func aRefusedEnergyUpdateFailsTheConfigurationAndKeepsTheRequests() async throws {
        let (status, events, bundle) = try await Self.session(energy: true)
        let expected = "could not store the energy of measured request 1 of cfg: \(Self.refusal); check that the "
            + "database's disk has space and is writable, then continue with --resume"
        #expect(status == .failed)
        #expect(events.finished.first?.2 == expected)
        let stored = try #require(bundle.configurations.first)
        #expect(stored.status == .failed)
        #expect(stored.error == expected)
        #expect(stored.requests.map(\.response) == Array(repeating: " t0 t1 t2 t3 t4", count: 3))
        #expect(stored.requests.allSatisfy { $0.metrics[.energy] == nil && $0.metrics[.ttft] != nil })
    }

    @Test func aRefusedOutcomeFailsTheConfigurationAndSaysWhy() async throws {
        let (status, events, bundle) = try await Self.session(finish: true)
        #expect(status == .failed)
        #expect(events.finished.first?.1 == .failed)
        #expect(events.finished.first?.2 == "could not store the result of cfg: \(Self.refusal); check that the "
            + "database's disk has space and is writable, then continue with --resume")
        // What was stored before stays: the three requests; the configuration reads as not finished.
        let stored = try #require(bundle.configurations.first)
        #expect(stored.requests.count == 3)
        #expect(stored.status == .interrupted)
    }
}
