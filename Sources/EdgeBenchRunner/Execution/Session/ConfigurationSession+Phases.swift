import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchTelemetry
import Foundation

extension ConfigurationSession {
    /// Records the configuration, reads back what an earlier session of a resumed run measured, and
    /// brings the engine up (start, health, load).
    func prepare() async throws -> PreparedEngine {
        let c = context
        try SessionStoreError.wrapping("the start of \(c.id)") {
            try c.store.beginConfiguration(runID: c.runID, configuration: c.configuration, engine: nil, device: c.device)
        }
        measured = try c.store.measuredRequests(runID: c.runID, configurationID: c.id).map(\.forSummary)
        resumedCount = measured.count
        let prepared = try await c.factory.prepare(c.configuration, runDirectory: c.directory)
        engine = prepared
        // nil device: keep the one stored above
        try SessionStoreError.wrapping("the engine description of \(c.id)") {
            try c.store.beginConfiguration(
                runID: c.runID, configuration: c.configuration, engine: prepared.description, device: nil)
        }
        return prepared
    }

    /// Starts the sampler on this machine's sensors (the engine's memory included) and the declared meters.
    func startSampling(_ prepared: PreparedEngine) throws {
        let c = context
        let sources = SystemTelemetry.sources(
            root: c.sensorRoot, enginePID: prepared.pid, interval: c.settings.sampleInterval)
            + (try c.settings.power(for: c.id).map { try $0.makeSource() })
        let started = try SessionSampling(
            sources: sources, interval: c.settings.sampleInterval, store: c.store, runID: c.runID, configurationID: c.id)
        sampling = started
        started.sampler.start()
    }

    /// Warm-up requests, stored as such and not measured; skipped by a resumed configuration that has
    /// measured requests already.
    func warmUp(_ prepared: PreparedEngine) async throws {
        let c = context
        let warmup = c.configuration.warmup
        if warmup > 0, measured.isEmpty {
            // each warm-up request's own line follows when it is done
            c.reporter.report(.phase("warming up (\(warmup) request\(warmup == 1 ? "" : "s"), not measured)"))
        }
        for w in 0..<warmup where measured.isEmpty {
            try Task.checkCancellation()
            let record = try await RequestMeasurement.run(prepared.engine, c.configuration.workload.request)
            let result = RequestMetrics.compute(record, index: w)
            try SessionStoreError.wrapping("warm-up request \(w + 1) of \(c.id)") {
                try c.store.recordRequest(runID: c.runID, configurationID: c.id, result: result, warmup: true)
            }
            c.reporter.report(.requestFinished(
                index: w + 1, total: warmup, warmup: true, decodeRate: result.metrics[.decodeRate],
                seconds: result.metrics[.e2eLatency] ?? 0))
        }
    }

    /// The engine loaded and no requests, only where something measures power.
    func idleBaseline() async throws {
        let idle = context.settings.idleBaseline
        guard let sampling, sampling.measuresPower, idle > .zero else { return }
        context.reporter.report(.phase("idle baseline \(String(format: "%g", idle.inSeconds)) s"))
        // A sample before the window's start, so its edge is interpolated, not extrapolated: the
        // sampler's first round done (on a busy machine its thread may not have run yet).
        try await sampling.waitForRounds(atLeast: 1)
        let start = Instant.now()
        try await Task.sleep(for: idle)
        energy.idleWindow = (start, Instant.now())
    }

    /// The measured requests, each stored as it finishes. MLPerf-style: with a slow meter, keep going back
    /// to back until the phase is long enough for its energy to be trusted, never fewer than the repetitions.
    func measure(_ prepared: PreparedEngine) async throws {
        if let pattern = try loadPattern() {
            try await measureUnderLoad(prepared, pattern)
            return
        }
        let c = context
        let repetitions = c.configuration.repetitions
        let minimum = c.settings.minMeasured.inSeconds
        // `start: cold`: every measured request finds the model unloaded (the plan refused engines that cannot)
        let coldStart = c.configuration.workload.start == .cold ? prepared.coldStart : nil
        while measured.count < repetitions || (window?.seconds ?? 0) < minimum {
            let index = measured.count
            try Task.checkCancellation()
            var load: ColdLoad?
            if let coldStart {
                try await coldStart.unload()
                load = try await coldStart.load()
            }
            let record = try await RequestMeasurement.run(prepared.engine, c.configuration.workload.request)
            var result = RequestMetrics.compute(record, index: index)
            if let load {
                result.metrics[.coldTTFT] = ColdStartMetrics.coldTTFT(load: load, record: record)
                energy.recordCold(load, record, at: index)
            }
            try keep(record, result, shown: index + 1, total: max(repetitions, index + 1))
        }
    }

    /// A measured request, done: said about where its server counts were not believed, stored, kept for the
    /// summary, energy and window, and reported as request `shown` of `total`. The same for every level.
    func keep(_ record: RequestRecord, _ result: RequestResult, shown: Int, total: Int) throws {
        let c = context
        warnAboutServerCounts(record, result: result, request: result.index + 1)
        try SessionStoreError.wrapping("measured request \(result.index + 1) of \(c.id)") {
            try c.store.recordRequest(runID: c.runID, configurationID: c.id, result: result, warmup: false)
        }
        energy.record(record, at: measured.count)
        measured.append(result.forSummary)
        FreePages.release()
        window = MeasuredWindow.adding(record, tokens: result.metrics[.nOut] ?? 0, to: window)
        c.reporter.report(.requestFinished(
            index: shown, total: total, warmup: false, decodeRate: result.metrics[.decodeRate],
            seconds: result.metrics[.e2eLatency] ?? 0))
    }

    /// Says which server numbers were not believed and what was kept instead (`server_count_implausible`).
    private func warnAboutServerCounts(_ record: RequestRecord, result: RequestResult, request: Int) {
        let findings = ServerReportCheck.check(record).findings
        guard !findings.isEmpty else { return }
        let kept = result.metrics[.nOut].map { "n_out \(Int($0)) tokens" } ?? "no n_out"
        let source = result.flags.contains(.estimated) ? "counted from the stream" : "from the tokenizer or the server's other counts"
        for finding in findings {
            context.reporter.report(.note(
                "warning: \(context.id) request \(request): \(finding); it is not used (kept \(kept), \(source); "
                    + "server rates from it dropped), flagged server_count_implausible"))
        }
    }
}
