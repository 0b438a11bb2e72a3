import EdgeBenchCore
import EdgeBenchTelemetry

extension ConfigurationSession {
    /// Stops the sampler and the engine, attaches energy to the measured requests, summarises and stores
    /// the outcome. Every store failure is said: a request's energy not stored fails the configuration,
    /// samples not stored are a note (the figures come from memory), an outcome not stored fails it.
    func finish(_ status: ConfigurationResult.Status, error: String?) async -> ConfigurationResult.Status {
        let c = context
        var status = status
        var errors = error.map { [$0] } ?? []
        // Flagging each empty reply `no_tokens` is not enough when all are: nothing was measured.
        if status == .completed, !measured.isEmpty, measured.allSatisfy({ $0.flags.contains(.noTokens) }) {
            status = .failed
            errors.append("none of the \(measured.count) measured requests of \(c.id) produced a token (the server ended "
                + "every reply before its first one): check that the model is loaded and answers this prompt, "
                + "and that max_tokens is above 0")
        }
        var samples: [Sample] = []
        var sources: [SourceDescription] = []
        if let sampling {
            // The last request's energy interpolates its end from the sample after it: wait for one. Two more
            // rounds, not a fixed time: the one under way may have read before the end, and a busy machine
            // may run the sampler thread late.
            if !energy.windows.isEmpty, sampling.measuresPower {
                // try?: cancelled (Ctrl-C), the wait only ends sooner and the last edge may lack its sample
                try? await sampling.waitForRounds(atLeast: sampling.sampler.rounds + 2)
            }
            sampling.sampler.stop()
            samples = sampling.collector.samples
            sources = sampling.sources
            if let failure = sampling.storeFailures.summary {
                c.reporter.report(.note(
                    "  could not store \(failure.count) batch(es) of telemetry samples of \(c.id) (first: \(failure.first)); "
                        + "its figures are computed from memory, but `edgebench energy` and reports lack those samples"))
            }
        }
        await engine?.stop()

        var telemetry: [String: TelemetrySummary] = [:]
        var extra: [MetricID: Double] = [:]
        if let load = engine?.loadTime { extra[.loadTime] = load }
        if let window {
            telemetry = TelemetryWindow.summarize(
                samples, from: window.start, to: window.end, sources: sources, ratedMaximum: c.device?.ratedPower?.max)
            if window.seconds > 0 {
                extra[.requestRate] = Double(window.requests) / window.seconds
                extra[.systemOutputRate] = window.tokens / window.seconds
            }
        }
        var levelFlags: [Flag] = []
        // Only where the plan asked for load levels or SLOs: a plain run's output stays as it was.
        if c.configuration.load != nil || c.configuration.workload.slo != nil, let window {
            let figures = LevelFigures.compute(
                requests: Array(measured.dropFirst(resumedCount)), seconds: window.seconds, rate: scheduledRate, slo: c.configuration.workload.slo,
                errors: levelFailures.errors, timeouts: levelFailures.timeouts)
            extra.merge(figures.extra) { _, new in new }
            levelFlags = figures.flags
        }
        let attached = energy.attach(
            to: &measured, samples: samples, sources: sources, ratedMaximum: c.device?.ratedPower?.max, level: window)
        for note in attached.notes { c.reporter.report(.note("  \(c.id): \(note)")) }
        for index in attached.updated {
            do {
                try c.store.updateMeasures(runID: c.runID, configurationID: c.id, result: measured[index])
            } catch {
                status = .failed
                errors.append("\(SessionStoreError(what: "the energy of measured request \(index + 1) of \(c.id)", underlying: error))")
                break
            }
        }
        extra.merge(attached.extra) { _, new in new }
        var (summary, flags) = ConfigurationSummary.build(requests: measured, extra: extra)
        let found = (engine?.flags ?? []) + attached.flags + levelFlags
        if !found.isEmpty { flags = Set(flags).union(found).sorted() }
        let errorText = errors.isEmpty ? nil : errors.joined(separator: "; ")
        do {
            try c.store.finishConfiguration(
                runID: c.runID, configurationID: c.id, engine: engine?.description, status: status, error: errorText,
                summary: summary, flags: flags, telemetry: telemetry, power: attached.power)
        } catch {
            // Nothing more can be written: say it here, and count the configuration as failed.
            c.reporter.report(.configurationFinished(id: c.id, status: .failed, error: "\(SessionStoreError(what: "the result of \(c.id)", underlying: error))"))
            return .failed
        }
        c.reporter.report(.configurationFinished(id: c.id, status: status, error: errorText))
        return status
    }
}
