import EdgeBenchCore
import EdgeBenchEngines
import EdgeBenchTelemetry
import Foundation

/// One configuration's life, phase by phase over one context: prepare (the engine), sample (the
/// sampler), warm-up, idle baseline, measure, finish. `run()` never throws: every failure, a store's
/// included, ends up as the configuration's status and error.
final class ConfigurationSession {
    /// What the session runs and where it writes: fixed for its whole life, but for the prompt that
    /// `buildPrompt` makes (`prompt_tokens`) before anything is sent.
    struct Context: Sendable {
        var configuration: Configuration
        var device: Device?
        var runID: String
        var directory: URL
        var store: any ConfigurationStore
        var factory: EngineFactory
        var settings: RunSettings
        var sensorRoot: String
        var reporter: any ProgressReporter

        var id: String { configuration.id }
    }

    var context: Context
    // Set by the phases (extensions in the files beside this one), read by finish.
    /// prepare's engine; stopped by finish
    var engine: PreparedEngine?
    /// the sampler and what it delivered; nil until the sample phase
    var sampling: SessionSampling?
    /// measured requests: those stored by an earlier session of a resumed run, then this session's, as the
    /// summary needs them (`forSummary`: no response text; the store has it)
    var measured: [RequestResult] = []
    /// this session's measured phase (request_rate, system_output_rate, the telemetry summary)
    var window: MeasuredWindow?
    var energy = MeasuredEnergy()
    /// a load level's requests that failed, by kind (a synchronous level stops at its first failure)
    var levelFailures = LevelFailures()
    /// how many of `measured` an earlier session of a resumed run stored: a level's figures are over this
    /// session's requests, as its window is
    var resumedCount = 0
    /// the rate a scheduled level sent at (a sweep's, once placed); nil for streams
    var scheduledRate: Double?

    init(_ context: Context) {
        self.context = context
    }

    func run() async -> ConfigurationResult.Status {
        let configuration = context.configuration
        do {
            let engine = try await prepare()
            try await buildPrompt(engine)
            try startSampling(engine)
            try await warmUp(engine)
            try await idleBaseline()
            try await measure(engine)
            return await finish(.completed, error: nil)
        } catch is CancellationError {
            return await finish(.interrupted, error: interruptedText)
        } catch let error as SessionStoreError {
            return await finish(.failed, error: "\(error)")
        } catch {
            if Task.isCancelled { return await finish(.interrupted, error: interruptedText) }
            // Name the engine: a plan of five boards needs to say which one failed, not just why. An engine
            // EdgeBench started and that died says how and where its log is: the request only saw a closed
            // connection. One that failed after it was up (not a setup mistake) can be resumed.
            let spec = configuration.engine
            var text = "engine '\(spec.name)' (\(spec.kind.rawValue)): \(error)"
            if let engine {
                if let died = await Self.exitReport(of: engine) { text += "\n" + died }
                text += "\n" + resumeText
            }
            return await finish(.failed, error: text)
        }
    }

    /// How a server EdgeBench started ended, if it has. A server killed mid-request closes its sockets before
    /// its exit can be reaped: on a loaded machine the request fails first, so wait a moment (up to 2 s,
    /// and only for a process of our own) for the exit to show.
    static func exitReport(of engine: PreparedEngine) async -> String? {
        guard engine.pid != nil else { return engine.exitReport() }
        for _ in 0..<100 {
            if let report = engine.exitReport() { return report }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    private var resumeText: String {
        "\(measured.count) of \(context.configuration.repetitions) measured requests are stored; "
            + "once the engine runs again, continue with `edgebench run --resume \(context.directory.path)`"
    }

    private var interruptedText: String {
        "interrupted after \(measured.count) of \(context.configuration.repetitions) measured requests; "
            + "continue with --resume \(context.directory.path)"
    }
}

/// The measured phase of one session: after a resume it holds only the requests run now, so request_rate
/// and system_output_rate never divide earlier requests by this session's time.
struct MeasuredWindow {
    var start: Instant
    var end: Instant
    var requests: Int
    var tokens: Double

    var seconds: Double { end.seconds(since: start) }

    /// This window with one more request, or the first window of a request. Under load requests overlap
    /// and finish out of order: the window runs from the earliest t_submit to the latest t_done.
    static func adding(_ record: RequestRecord, tokens: Double, to window: MeasuredWindow?) -> MeasuredWindow {
        MeasuredWindow(
            start: min(window?.start ?? record.submittedAt, record.submittedAt),
            end: max(window?.end ?? record.completion.at, record.completion.at),
            requests: (window?.requests ?? 0) + 1, tokens: (window?.tokens ?? 0) + tokens)
    }
}

extension RequestResult {
    /// What the configuration's summary and energy need from a stored request: everything but the
    /// response. A long run would otherwise hold every response text until its end (100 KB for a
    /// 20,000-token reply) on the board it measures.
    var forSummary: RequestResult {
        var kept = self
        kept.response = nil
        return kept
    }
}
