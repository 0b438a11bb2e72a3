import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchStore
import EdgeBenchTelemetry
import Foundation

extension BenchmarkRunner {
    /// One configuration's lifecycle. Never throws: every failure ends up as the configuration's status.
    func runConfiguration(
        _ configuration: Configuration, device: Device?, runID: String, directory: URL, store: ResultStore,
        factory: EngineFactory
    ) async -> ConfigurationResult.Status {
        if configuration.engine.kind == .llamaBench {
            return await runLlamaBenchConfiguration(
                configuration, device: device, runID: runID, directory: directory, store: store, factory: factory)
        }
        let id = configuration.id
        var engine: PreparedEngine?
        var sampler: Sampler?
        var sources: [SourceDescription] = []
        let collector = MeasuredPhaseSamples()
        var measured: [RequestResult] = []
        // The measured phase of this session: after a resume it holds only the requests run now,
        // so request_rate and system_output_rate never divide earlier requests by this session's time.
        var window: (start: Instant, end: Instant, requests: Int, tokens: Double)?
        var energy = MeasuredEnergy()

        func finish(_ status: ConfigurationResult.Status, error: String?) async -> ConfigurationResult.Status {
            // The last request's energy interpolates its end from the sample after it: wait for one. Two more
            // rounds, not a fixed time: the one under way may have read before the end, and a busy machine
            // may run the sampler thread late.
            if let sampler, !energy.windows.isEmpty, PowerSelection.hasPowerSource(sources) {
                try? await Self.waitForRounds(of: sampler, atLeast: sampler.rounds + 2, interval: options.sampleInterval)
            }
            _ = sampler?.stop()
            await engine?.stop()
            var telemetry: [String: TelemetrySummary] = [:]
            if let window {
                telemetry = TelemetryWindow.summarize(
                    collector.samples, from: window.start, to: window.end, sources: sources)
            }
            var extra: [MetricID: Double] = [:]
            if let load = engine?.loadTime { extra[.loadTime] = load }
            if let window {
                let wall = window.end.seconds(since: window.start)
                if wall > 0 {
                    extra[.requestRate] = Double(window.requests) / wall
                    extra[.systemOutputRate] = window.tokens / wall
                }
            }
            let attached = energy.attach(to: &measured, samples: collector.samples, sources: sources) {
                try store.recordRequest(runID: runID, configurationID: id, result: $0, warmup: false)
            }
            extra.merge(attached.extra) { _, new in new }
            var (summary, flags) = ConfigurationSummary.build(requests: measured, extra: extra)
            let found = (engine?.flags ?? []) + attached.flags
            if !found.isEmpty { flags = Set(flags).union(found).sorted() }
            do {
                try store.finishConfiguration(
                    runID: runID, configurationID: id, engine: engine?.description, status: status, error: error,
                    summary: summary, flags: flags, telemetry: telemetry, power: attached.power)
            } catch {
                reporter.report(.note("  could not store the result of \(id): \(error)"))
            }
            reporter.report(.configurationFinished(id: id, status: status, error: error))
            return status
        }

        do {
            try store.beginConfiguration(runID: runID, configuration: configuration, engine: nil, device: device)
            measured = try store.measuredRequests(runID: runID, configurationID: id)
            let prepared = try await factory.prepare(configuration, runDirectory: directory)
            engine = prepared
            try store.beginConfiguration(runID: runID, configuration: configuration, engine: prepared.description)

            let telemetrySources = SystemTelemetry.sources(
                root: options.sensorRoot, enginePID: prepared.pid, interval: .milliseconds(Int(options.sampleInterval * 1000)))
                + (try options.power(for: configuration.id).map { try $0.makeSource() })
            sources = telemetrySources.map(\.description)
            let started = try Sampler(
                sources: telemetrySources, interval: .milliseconds(Int(options.sampleInterval * 1000)),
                sink: { samples in
                    collector.append(samples)
                    try? store.recordSamples(runID: runID, configurationID: id, samples)
                })
            // From the sampler's start, so the idle baseline's first edge has a sample before it.
            collector.begin(at: Instant.now())
            started.start()
            sampler = started

            let request = configuration.workload.request
            for w in 0..<configuration.warmup where measured.isEmpty {
                try Task.checkCancellation()
                reporter.report(.phase("warm-up \(w + 1)/\(configuration.warmup)"))
                let record = try await RequestMeasurement.run(prepared.engine, request)
                let result = RequestMetrics.compute(record, index: w)
                try store.recordRequest(runID: runID, configurationID: id, result: result, warmup: true)
                reporter.report(.requestFinished(
                    index: w + 1, total: configuration.warmup, warmup: true,
                    decodeRate: result.metrics[.decodeRate], seconds: result.metrics[.e2eLatency] ?? 0))
            }

            // Idle baseline (engine loaded, no requests), only where something measures power.
            if PowerSelection.hasPowerSource(sources), options.idleSeconds > 0 {
                reporter.report(.phase("idle baseline \(String(format: "%g", options.idleSeconds)) s"))
                // A sample before the window's start, so its edge is interpolated, not extrapolated: the
                // sampler's first round done (on a busy machine its thread may not have run yet).
                try await Self.waitForRounds(of: started, atLeast: 1, interval: options.sampleInterval)
                let start = Instant.now()
                try await Task.sleep(for: .milliseconds(Int(options.idleSeconds * 1000)))
                energy.idleWindow = (start, Instant.now())
            }
            // MLPerf-style: with a slow meter, keep going back to back until the measured phase is long
            // enough for its energy to be trusted, and never fewer than the plan's repetitions.
            func phaseSeconds() -> Double { window.map { $0.end.seconds(since: $0.start) } ?? 0 }
            while measured.count < configuration.repetitions || phaseSeconds() < options.minMeasuredSeconds {
                let index = measured.count
                try Task.checkCancellation()
                let record = try await RequestMeasurement.run(prepared.engine, request)
                let result = RequestMetrics.compute(record, index: index)
                try store.recordRequest(runID: runID, configurationID: id, result: result, warmup: false)
                energy.record(record, at: measured.count)
                measured.append(result)
                window = (
                    window?.start ?? record.submittedAt, record.completion.at, (window?.requests ?? 0) + 1,
                    (window?.tokens ?? 0) + (result.metrics[.nOut] ?? 0))
                reporter.report(.requestFinished(
                    index: index + 1, total: max(configuration.repetitions, index + 1), warmup: false,
                    decodeRate: result.metrics[.decodeRate], seconds: result.metrics[.e2eLatency] ?? 0))
            }
            return await finish(.completed, error: nil)
        } catch is CancellationError {
            return await finish(.interrupted, error: "interrupted after \(measured.count) of \(configuration.repetitions) measured requests; continue with --resume \(directory.path)")
        } catch {
            if Task.isCancelled {
                return await finish(.interrupted, error: "interrupted after \(measured.count) of \(configuration.repetitions) measured requests; continue with --resume \(directory.path)")
            }
            // Name the engine: a plan of five boards needs to say which one failed, not just why.
            let spec = configuration.engine
            return await finish(.failed, error: "engine '\(spec.name)' (\(spec.kind.rawValue)): \(error)")
        }
    }

    /// Waits until `sampler` has done `rounds` rounds, polling at half its interval, for at most 20 intervals
    /// (5 s at least): past that the window's edge simply has no sample, as before, rather than the run hanging.
    static func waitForRounds(of sampler: Sampler, atLeast rounds: Int, interval: Double) async throws {
        let deadline = Instant.now().adding(seconds: max(5, interval * 20))
        while sampler.rounds < rounds, Instant.now() < deadline {
            try await Task.sleep(for: .milliseconds(Int(interval * 500) + 1))
        }
    }
}
